using System.CommandLine;
using EmuEdit.Cli;

// The `emuedit` command line. Each command group lives in its own class; add new groups here.
var root = new RootCommand("EmuEdit.Cloud command line: data, train, export, bench, eval, edit, client.");
root.Subcommands.Add(DataCommands.Create());
root.Subcommands.Add(ClientCommands.Create());
root.Subcommands.Add(ExportCommands.Create());
root.Subcommands.Add(BenchCommands.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(EditCommand.Create());
root.Subcommands.Add(TrainCommands.Create());
return root.Parse(args).Invoke();
