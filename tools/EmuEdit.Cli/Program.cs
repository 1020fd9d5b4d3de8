using System.CommandLine;
using EmuEdit.Cli;

// The `emuedit` command line. Each command group lives in its own class; add new groups here.
var root = new RootCommand("EmuEdit.Cloud command line: data, export, client, and (later) train, eval, edit.");
root.Subcommands.Add(DataCommands.Create());
root.Subcommands.Add(ClientCommands.Create());
root.Subcommands.Add(ExportCommands.Create());
return root.Parse(args).Invoke();
