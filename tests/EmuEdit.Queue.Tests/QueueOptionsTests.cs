using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

public sealed class QueueOptionsTests(GarnetServerFixture server) : IClassFixture<GarnetServerFixture>
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public async Task Options_bind_from_the_queue_section_and_the_services_use_them()
    {
        IConfiguration configuration = Configuration(
            ("Queue:KeyPrefix", "bound:"),
            ("Queue:HeartbeatInterval", "00:00:02"),
            ("Queue:HeartbeatTtl", "00:00:07"),
            ("Queue:MaxAttempts", "5"),
            ("Queue:MaxReadyLength", "1"));
        var services = new ServiceCollection();
        services.AddSingleton(server.Connection);
        services.AddJobQueue(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();

        JobQueueOptions options = provider.GetRequiredService<JobQueueOptions>();
        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), options.HeartbeatTtl);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(1), options.ResultTtl); // unset: default

        JobQueue queue = provider.GetRequiredService<JobQueue>();
        Assert.Equal((RedisKey)"bound:queue:ready", queue.Keys.Ready);
        await server.Connection.GetDatabase().KeyDeleteAsync(queue.Keys.Ready);
        await queue.EnqueueAsync(new byte[] { 1 });
        await Assert.ThrowsAsync<QueueFullException>(() => queue.EnqueueAsync(new byte[] { 2 }));
        Assert.NotNull(provider.GetRequiredService<QueueReaper>());
        Assert.NotNull(provider.GetRequiredService<TaskRegistryStore>());
    }

    [Fact]
    public void The_ready_list_name_that_autoscaling_watches_is_fixed_in_one_place()
    {
        Assert.Equal("emuedit:queue:ready", QueueKeys.DefaultReadyList);
        Assert.Equal((RedisKey)QueueKeys.DefaultReadyList, new QueueKeys(new JobQueueOptions().KeyPrefix).Ready);
    }

    [Fact]
    public void The_registration_ready_list_that_autoscaling_watches_is_fixed_in_one_place()
    {
        Assert.Equal("emuedit:inversion:queue:ready", TaskInversionQueue.DefaultReadyList);
        JobQueueOptions options = TaskInversionQueue.BindOptions(Configuration());
        Assert.Equal((RedisKey)TaskInversionQueue.DefaultReadyList, new QueueKeys(options.KeyPrefix).Ready);
    }

    [Fact]
    public void The_registration_queue_follows_the_edit_queue_unless_told_otherwise()
    {
        JobQueueOptions options = TaskInversionQueue.BindOptions(Configuration(
            ("Queue:KeyPrefix", "test-run:"),
            ("Queue:HeartbeatTtl", "00:00:09"),
            ("InversionQueue:MaxAttempts", "2")));
        Assert.Equal("test-run:inversion:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(9), options.HeartbeatTtl);
        Assert.Equal(2, options.MaxAttempts);
        Assert.Equal("own:", TaskInversionQueue.BindOptions(Configuration(("InversionQueue:KeyPrefix", "own:"))).KeyPrefix);
    }

    [Fact]
    public void An_inversion_service_given_the_registration_prefix_itself_still_finds_the_registry()
    {
        // k8s/base/inversion.yaml gives the inversion pod Queue__KeyPrefix=emuedit:inversion:.
        Assert.Equal(TaskInversionQueue.DefaultKeyPrefix, TaskInversionQueue.BindOptions(Configuration(("Queue:KeyPrefix", "emuedit:inversion:"))).KeyPrefix);
        Assert.Equal(QueueKeys.DefaultPrefix, TaskInversionQueue.EditPrefix("emuedit:inversion:"));
        Assert.Equal(QueueKeys.DefaultPrefix, TaskInversionQueue.EditPrefix(QueueKeys.DefaultPrefix));
        Assert.Equal(TaskInversionQueue.DefaultKeyPrefix, TaskInversionQueue.RegistrationPrefix(QueueKeys.DefaultPrefix));
    }

    [Theory]
    [InlineData("HeartbeatTtl", "00:00:05", "must exceed Queue:HeartbeatInterval")]
    [InlineData("MaxAttempts", "0", "MaxAttempts must be at least 1")]
    [InlineData("RetryJitter", "1.5", "RetryJitter must be within [0, 1]")]
    [InlineData("RetryMaxDelay", "00:00:01", "must be at least Queue:RetryBaseDelay")]
    [InlineData("KeyPrefix", " ", "KeyPrefix must not be empty")]
    public void Impossible_settings_are_refused_with_the_reason(string key, string value, string reason)
    {
        JobQueueOptions options = Configuration(($"Queue:{key}", value)).GetSection(JobQueueOptions.SectionName).Get<JobQueueOptions>()!;
        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap_and_jitter_only_lengthens()
    {
        var options = new JobQueueOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(5), RetryJitter = 0 };
        var random = new Random(7);
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(a => RetryBackoff.Delay(a, options, random).TotalSeconds));
        options.RetryJitter = 0.5;
        Assert.All(Enumerable.Range(0, 100), _ => Assert.InRange(RetryBackoff.Delay(1, options, random).TotalSeconds, 1, 1.5));
    }
}
