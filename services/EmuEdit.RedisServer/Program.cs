using EmuEdit.GarnetHost;
using EmuEdit.RedisServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Settings: section "Garnet" (Garnet__Port, Garnet__BindAddress, Garnet__CheckpointDirectory, ... as
// environment variables, or --Garnet:Port=6380 on the command line). See docs/queue.md.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOptions<EmbeddedGarnetOptions>().Bind(builder.Configuration.GetSection(EmbeddedGarnetOptions.SectionName));
builder.Services.AddHostedService<GarnetHostedService>();
await builder.Build().RunAsync();
