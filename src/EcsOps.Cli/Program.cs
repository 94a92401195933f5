using EcsOps.Cli;

return await EcsOpsApp.RunAsync(args, Console.Out, Console.Error);
