namespace EcsOps.Runbooks.Files;

/// <summary>
/// The <c>sh</c> scripts cp runs in the container (through <see cref="Exec.ExecWrapper"/>, so stdout and stderr arrive
/// intact and apart). They need sh, cat, tee, tar, sha256sum, stat, mv, rm, mkdir, chmod, dirname and basename:
/// coreutils or busybox. Paths arrive as arguments, never inside the script text, and start with <c>/</c> or <c>.</c>
/// (see <see cref="CopyLocation.RemoteArgument"/>), so none is taken for an option.
/// </summary>
/// <remarks>
/// Hashing the stream while sending it (<c>tee /dev/fd/6 | sha256sum</c>) relies on /dev/fd and on stdout being a
/// pipe, which it always is inside the wrapper (reopening a regular file through /dev/fd would truncate it).
/// </remarks>
public static class RemoteFileScripts
{
    /// <summary>The destination exists and --force was not given.</summary>
    public const int Exists = 17;

    /// <summary>The destination's directory does not exist or is not a directory.</summary>
    public const int NotADirectory = 20;

    /// <summary>The bytes received do not hash to what was sent.</summary>
    public const int ChecksumMismatch = 65;

    /// <summary>The source does not exist.</summary>
    public const int NoSuchSource = 66;

    /// <summary>The source is neither a regular file nor a directory.</summary>
    public const int UnsupportedSource = 67;

    /// <summary>The temporary file or directory next to the destination could not be created.</summary>
    public const int CannotCreate = 73;

    /// <summary>Reading, writing or renaming failed on the way.</summary>
    public const int IoError = 74;

    /// <summary>
    /// Before an upload: where the copy of a source named <c>$2</c> sent to <c>$1</c> will land (inside <c>$1</c> when it
    /// is a directory or ends in '/'), what is there now, whether its directory is usable, and which tools are missing.
    /// Prints four lines: missing|file|directory|other, ok|missing|readonly, the missing tools, the final path.
    /// </summary>
    public const string Preflight =
        """
        d=$1
        case $d in
          */) [ -d "$d" ] || { echo "$d: not a directory" >&2; exit 20; }; d=$d$2 ;;
          *) [ -d "$d" ] && d=${d%/}/$2 ;;
        esac
        if [ -d "$d" ]; then k=directory; elif [ -f "$d" ]; then k=file; elif [ -e "$d" ] || [ -L "$d" ]; then k=other; else k=missing; fi
        p=$(dirname "$d")
        if [ ! -d "$p" ]; then q=missing; elif [ ! -w "$p" ]; then q=readonly; else q=ok; fi
        t=
        for c in sha256sum tar tee mv rm mkdir chmod dirname basename stat cat; do command -v "$c" >/dev/null 2>&1 || t="$t $c"; done
        printf '%s\n%s\n%s\n%s\n' "$k" "$q" "${t# }" "$d"
        """;

    /// <summary>
    /// Receives a file on stdin into a temporary name next to <c>$1</c>, checks its SHA-256 against <c>$2</c>, sets mode
    /// <c>$3</c>, and renames it over <c>$1</c> (refusing an existing one unless <c>$4</c> is 1); <c>$5</c> makes the
    /// temporary name unique. The temporary file is removed on every failure, Ctrl-C included. Prints <c>H &lt;sha256&gt;</c>.
    /// </summary>
    public const string UploadFile =
        """
        d=$1 h=$2 m=$3 f=$4
        t=$(dirname "$d")/.$(basename "$d").ecsops-$5.tmp
        trap 'rm -f "$t"' EXIT
        trap 'exit 130' INT TERM HUP
        cat > "$t" || exit 73
        g=$(sha256sum < "$t") || exit 74
        g=${g%% *}
        [ "$g" = "$h" ] || { echo "received $g, sent $h" >&2; exit 65; }
        chmod "$m" "$t" || exit 74
        if [ "$f" != 1 ] && { [ -e "$d" ] || [ -L "$d" ]; }; then echo "$d exists" >&2; exit 17; fi
        mv -f "$t" "$d" || exit 74
        trap - EXIT
        printf 'H %s\n' "$g"
        """;

    /// <summary>
    /// Receives a tar stream on stdin, hashing it as it passes, and extracts it (owner not restored) into a temporary
    /// directory next to <c>$1</c>; if tar succeeded and the stream's SHA-256 is <c>$2</c>, sets mode <c>$3</c> and renames
    /// it to <c>$1</c>. An existing <c>$1</c> is refused unless <c>$4</c> is 1, then replaced as a whole: moved aside, the
    /// new one moved in, the old one deleted (put back if the move fails). Prints <c>H &lt;sha256&gt;</c>.
    /// </summary>
    public const string UploadDirectory =
        """
        d=$1 h=$2 m=$3 f=$4
        p=$(dirname "$d") b=$(basename "$d")
        t=$p/.$b.ecsops-$5.tmp
        mkdir "$t" || exit 73
        trap 'rm -rf "$t"' EXIT
        trap 'exit 130' INT TERM HUP
        exec 7>&1
        r=$( { { tee /dev/fd/6 | sha256sum >&8; } 6>&1 | { tar -C "$t" -xof - >&7; echo "x $?" >&8; }; } 8>&1 )
        x=$(printf '%s\n' "$r" | awk '$1 == "x" { print $2 }')
        g=$(printf '%s\n' "$r" | awk 'length($1) == 64 { print $1 }')
        [ "$x" = 0 ] || exit 74
        [ "$g" = "$h" ] || { echo "received $g, sent $h" >&2; exit 65; }
        chmod "$m" "$t" || exit 74
        if [ -e "$d" ] || [ -L "$d" ]; then
          [ "$f" = 1 ] || { echo "$d exists" >&2; exit 17; }
          o=$p/.$b.ecsops-$5.old
          mv "$d" "$o" || exit 74
          if mv "$t" "$d"; then rm -rf "$o"; else mv "$o" "$d"; exit 74; fi
        else
          mv "$t" "$d" || exit 74
        fi
        trap - EXIT
        printf 'H %s\n' "$g"
        """;

    /// <summary>
    /// Sends <c>$1</c>: first a header line on stdout, <c>F &lt;size&gt; &lt;mode&gt;</c> for a file or
    /// <c>D &lt;mode&gt;</c> for a directory, then the file's bytes or a tar stream of the directory's contents (symlinks
    /// kept as links). The SHA-256 of exactly the bytes after the header follows on stderr as <c>H &lt;sha256&gt;</c>; the
    /// exit status is that of cat or tar.
    /// </summary>
    public const string Download =
        """
        s=$1
        if [ -d "$s" ]; then
          m=$(stat -c %a "$s") || exit 66
          printf 'D %s\n' "$m"
          set -- tar -C "$s" -cf - .
        elif [ -f "$s" ]; then
          m=$(stat -c '%s %a' "$s") || exit 66
          printf 'F %s\n' "$m"
          set -- cat "$s"
        elif [ -e "$s" ] || [ -L "$s" ]; then
          echo "$s is not a regular file or directory" >&2; exit 67
        else
          echo "$s: no such file or directory" >&2; exit 66
        fi
        exec 7>&1
        rc=$( { { "$@"; echo $? >&8; } | { tee /dev/fd/6 | sha256sum | awk '{ print "H " $1 }' >&2; } 6>&7; } 8>&1 )
        exit "${rc:-74}"
        """;
}
