namespace EcsOps.Runbooks.Templates;

/// <summary>A piece of a <see cref="TextTemplate"/>: literal text, or the name of a parameter to put in its place.</summary>
/// <param name="Text">The literal text, or the parameter name.</param>
/// <param name="IsPlaceholder">True for a <c>{{name}}</c> placeholder.</param>
public sealed record TemplateSegment(string Text, bool IsPlaceholder);
