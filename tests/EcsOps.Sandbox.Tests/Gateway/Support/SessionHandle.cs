using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>A session as StartSession or ExecuteCommand returned it, with who started it.</summary>
public sealed record SessionHandle(string SessionId, string TokenValue, string StreamUrl, string Target, AccountDefinition Account, string Region);
