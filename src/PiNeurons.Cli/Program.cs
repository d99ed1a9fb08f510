using PiNeurons.Cli;

return await CliApp.RunAsync(args);
