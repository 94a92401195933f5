using EcsOps.Runbooks.Postgres;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class DatabaseFactsTests
{
    [Fact]
    public void Parse_AllToolsAndPsqlAnswered_NameSizeAndPaths()
    {
        var facts = DatabaseFacts.Parse(
            "tool pg_dump /usr/bin/pg_dump\ntool pg_restore /usr/bin/pg_restore\ntool psql /usr/bin/psql\n"
            + "version pg_dump (PostgreSQL) 15.18\nsize 35827712\ndatabase orders db\npsql-exit 0\n",
            "");

        Assert.Equal(new DatabaseFacts("/usr/bin/pg_dump", "/usr/bin/pg_restore", "/usr/bin/psql", "pg_dump (PostgreSQL) 15.18", "orders db", 35_827_712, null), facts);
    }

    [Fact]
    public void Parse_NoTools_AllNull()
    {
        var facts = DatabaseFacts.Parse("tool pg_dump \ntool pg_restore \ntool psql \n", "");

        Assert.Equal(new DatabaseFacts(null, null, null, null, null, null, null), facts);
    }

    [Fact]
    public void Parse_PsqlFailed_ConnectionProblemIsItsLastErrorLine()
    {
        var facts = DatabaseFacts.Parse(
            "tool pg_dump /bin/pg_dump\ntool psql /bin/psql\npsql-exit 2\n",
            "psql: error: connection to server at \"db\" (10.0.0.5), port 5432 failed\n\tConnection refused\n");

        Assert.Equal("Connection refused", facts.ConnectionProblem);
        Assert.Null(facts.SizeBytes);
    }
}
