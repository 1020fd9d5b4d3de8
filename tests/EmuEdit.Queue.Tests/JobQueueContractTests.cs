using System.Diagnostics;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>
/// The queue's guarantees, run against every Redis-protocol server the system supports (the concrete
/// classes below pick the server): the queue uses only commands Redis and Garnet both serve.
/// </summary>
public abstract class JobQueueContractTests(IServerFixture server) : QueueTestBase(server)
{
    [Fact]
    public async Task Jobs_come_out_in_the_order_they_went_in()
    {
        JobQueue queue = Queue();
        string[] ids = new string[3];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = (await queue.EnqueueAsync(Bytes($"job {i}"))).JobId;
        }
        Assert.Equal(0, await queue.GetQueuePositionAsync(ids[0]));
        Assert.Equal(2, await queue.GetQueuePositionAsync(ids[2]));
        Assert.Equal(3, await queue.GetReadyLengthAsync());

        JobConsumer worker = Consumer("w1");
        for (int i = 0; i < ids.Length; i++)
        {
            JobLease? lease = await worker.TryDequeueAsync();
            Assert.NotNull(lease);
            Assert.Equal(ids[i], lease.JobId);
            Assert.Equal($"job {i}", Text(lease.Payload));
            Assert.Equal(1, lease.Attempt);
            Assert.Equal(JobState.Running, (await queue.GetJobAsync(ids[i]))!.State);
        }
        Assert.Null(await worker.TryDequeueAsync());
        Assert.Null(await queue.GetQueuePositionAsync(ids[0]));
        Assert.Equal(3, await Db.ListLengthAsync(Keys.Processing("w1")));
    }

    [Fact]
    public async Task A_waiting_worker_is_woken_by_a_new_job_before_its_poll_interval()
    {
        Options.PollInterval = TimeSpan.FromSeconds(30);
        JobConsumer worker = Consumer("sleeper");
        Task<JobLease> waiting = worker.DequeueAsync(new CancellationTokenSource(Patience).Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200)); // let it look, find nothing and sleep
        Assert.False(waiting.IsCompleted);

        string id = (await Queue().EnqueueAsync(Bytes("wake up"))).JobId;
        JobLease lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(id, lease.JobId);
    }

    [Fact]
    public async Task A_busy_worker_looks_again_after_a_wake_up_and_not_before()
    {
        Options.PollInterval = TimeSpan.FromSeconds(30);
        JobQueue queue = Queue();
        // A job that is on no list yet: enqueued, then taken off the ready list by hand.
        string id = (await queue.EnqueueAsync(Bytes("late"))).JobId;
        Assert.Equal(1, await Db.ListRemoveAsync(Keys.Ready, id));

        JobConsumer worker = Consumer("busy");
        Assert.Null(await worker.TryDequeueWhenSignalledAsync()); // looked: nothing ready
        await Db.ListLeftPushAsync(Keys.Ready, id);               // ready now, but nobody said so
        Assert.Null(await worker.TryDequeueWhenSignalledAsync()); // no wake-up, poll interval far off: no look
        Assert.Equal(1, await Db.ListLengthAsync(Keys.Ready));

        await Connection.GetSubscriber().PublishAsync(Keys.ReadyWakeUp, RedisValue.EmptyString);
        JobLease? lease = null;
        await Eventually.TrueAsync(async () => (lease = await worker.TryDequeueWhenSignalledAsync()) is not null, Patience, "the woken worker to take the job");
        Assert.Equal(id, lease!.JobId);
    }

    [Fact]
    public async Task A_busy_worker_takes_a_newly_enqueued_job_at_its_next_look()
    {
        Options.PollInterval = TimeSpan.FromSeconds(30);
        JobConsumer worker = Consumer("busy");
        Assert.Null(await worker.TryDequeueWhenSignalledAsync());
        string id = (await Queue().EnqueueAsync(Bytes("new"))).JobId;
        JobLease? lease = null;
        await Eventually.TrueAsync(async () => (lease = await worker.TryDequeueWhenSignalledAsync()) is not null, Patience, "the job to be taken");
        Assert.Equal(id, lease!.JobId);
    }

    [Fact]
    public async Task A_waiting_worker_stops_waiting_when_cancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Consumer("idle").DequeueAsync(stop.Token));
    }

    [Fact]
    public async Task Job_of_a_dead_worker_is_reaped_and_completed_once_by_another()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("edit"))).JobId;

        // Worker A takes the job and then goes silent (no heartbeat loop), as a crashed process would.
        JobConsumer deadWorker = Consumer("worker-a");
        JobLease? first = await deadWorker.TryDequeueAsync();
        Assert.Equal(id, first?.JobId);

        var reaper = new QueueReaper(Connection, Options);
        Assert.Equal(0, await reaper.ReapOnceAsync()); // A's heartbeat is still alive
        await Eventually.TrueAsync(async () => !await Db.KeyExistsAsync(Keys.Heartbeat("worker-a")), Patience, "worker A's heartbeat to expire");
        Assert.Equal(1, await reaper.ReapOnceAsync());
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("worker-a")));
        Assert.Equal(JobState.Queued, (await queue.GetJobAsync(id))!.State);

        // B's heartbeat outlives any stall of a loaded test machine; only A is meant to look dead.
        JobConsumer liveWorker = Consumer("worker-b", heartbeatTtl: TimeSpan.FromSeconds(10));
        liveWorker.StartHeartbeat();
        JobLease? second = await liveWorker.TryDequeueAsync();
        Assert.Equal(id, second?.JobId);
        Assert.Equal(2, second!.Attempt);
        await Task.Delay(Options.HeartbeatTtl * 2);
        Assert.Equal(0, await reaper.ReapOnceAsync()); // B keeps beating, so it keeps its job

        // A, slow rather than dead, reports a failure of its stale run: B's run must not be disturbed.
        Assert.Equal(JobState.Running, await deadWorker.FailAsync(id, "stale failure"));
        Assert.Equal(0, await Db.SortedSetLengthAsync(Keys.Delayed));

        Assert.True(await liveWorker.CompleteAsync(id, Bytes("from B")));
        // A was only slow, not dead, and finishes too: its result must not replace or duplicate B's.
        Assert.False(await deadWorker.CompleteAsync(id, Bytes("from A")));

        Assert.Equal("from B", Text(await queue.GetResultAsync(id)));
        JobRecord job = (await queue.GetJobAsync(id))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal("worker-b", job.Worker);
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("worker-b")));
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Ready));
    }

    [Fact]
    public async Task Failed_job_retries_with_exponential_backoff_then_is_dead_lettered()
    {
        // Long enough that "not due yet" holds on a loaded machine.
        Options.RetryBaseDelay = TimeSpan.FromSeconds(1);
        Options.RetryMaxDelay = TimeSpan.FromSeconds(5);
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("flaky"))).JobId;
        JobConsumer worker = Consumer("w");
        var delays = new List<TimeSpan>();

        for (int attempt = 1; attempt <= Options.MaxAttempts; attempt++)
        {
            JobLease? lease = null;
            await Eventually.TrueAsync(async () => (lease = await worker.TryDequeueAsync()) is not null, Patience, $"attempt {attempt}");
            Assert.Equal(id, lease!.JobId);
            Assert.Equal(attempt, lease.Attempt);

            DateTimeOffset failedAt = DateTimeOffset.UtcNow;
            JobState state = await worker.FailAsync(id, $"boom {attempt}");
            JobRecord job = (await queue.GetJobAsync(id))!;
            Assert.Equal(state, job.State);
            Assert.Equal($"boom {attempt}", job.Error);
            if (attempt < Options.MaxAttempts)
            {
                Assert.Equal(JobState.RetryScheduled, state);
                delays.Add(job.NextAttemptAt!.Value - failedAt);
                Assert.Null(await worker.TryDequeueAsync()); // not due yet
            }
            else
            {
                Assert.Equal(JobState.Failed, state);
                Assert.NotNull(job.FinishedAt);
            }
        }

        // base, then 2 x base (no jitter in tests); allow for clock granularity.
        Assert.InRange(delays[0].TotalMilliseconds, 950, 1400);
        Assert.InRange(delays[1].TotalMilliseconds, 1950, 2400);
        Assert.Equal([id], (await Db.ListRangeAsync(Keys.DeadLetter)).Select(v => v.ToString()));
        QueueStats stats = await queue.GetStatsAsync();
        Assert.Equal(new QueueStats(Ready: 0, RetryScheduled: 0, DeadLettered: 1, Workers: 1), stats);
        Assert.Null(await worker.TryDequeueAsync());
    }

    [Fact]
    public async Task Non_retryable_failure_goes_straight_to_the_dead_letter_list()
    {
        string id = (await Queue().EnqueueAsync(Bytes("bad input"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        Assert.Equal(JobState.Failed, await worker.FailAsync(id, "image is not a PNG", retryable: false));
        Assert.Equal(1, await Db.ListLengthAsync(Keys.DeadLetter));
    }

    [Fact]
    public async Task An_operator_can_requeue_a_dead_lettered_job_with_fresh_attempts()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("needs a fix"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        await worker.FailAsync(id, "model file missing", retryable: false);
        Assert.Equal([id], await queue.ListDeadLetteredAsync(10));

        Assert.True(await queue.RequeueDeadLetteredAsync(id));
        Assert.False(await queue.RequeueDeadLetteredAsync(id)); // no longer dead-lettered
        Assert.Empty(await queue.ListDeadLetteredAsync(10));
        JobRecord job = (await queue.GetJobAsync(id))!;
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.FinishedAt);
        Assert.Equal("model file missing", job.Error);

        JobLease? again = await worker.TryDequeueAsync();
        Assert.Equal(1, again?.Attempt);
        Assert.True(await worker.CompleteAsync(id, Bytes("fixed")));
    }

    [Fact]
    public async Task A_job_whose_workers_keep_dying_is_dead_lettered_not_retried_forever()
    {
        Options.MaxAttempts = 2;
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("poison"))).JobId;
        var reaper = new QueueReaper(Connection, Options);
        for (int crash = 1; crash <= Options.MaxAttempts; crash++)
        {
            string workerId = $"doomed-{crash}";
            Assert.Equal(id, (await Consumer(workerId).TryDequeueAsync())?.JobId);
            await Eventually.TrueAsync(async () => !await Db.KeyExistsAsync(Keys.Heartbeat(workerId)), Patience, "the heartbeat to expire");
            Assert.Equal(1, await reaper.ReapOnceAsync());
        }
        Assert.Null(await Consumer("survivor").TryDequeueAsync());
        JobRecord job = (await queue.GetJobAsync(id))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("abandoned", job.Error, StringComparison.Ordinal);
        Assert.Equal(1, await Db.ListLengthAsync(Keys.DeadLetter));
    }

    [Fact]
    public async Task A_stopping_worker_hands_its_jobs_back_at_once_without_spending_their_attempts()
    {
        Options.MaxAttempts = 1;
        JobQueue queue = Queue();
        string older = (await queue.EnqueueAsync(Bytes("older"))).JobId;
        string newer = (await queue.EnqueueAsync(Bytes("newer"))).JobId;
        string waiting = (await queue.EnqueueAsync(Bytes("waiting"))).JobId;
        JobConsumer stopping = Consumer("scaled-down");
        Assert.Equal(older, (await stopping.TryDequeueAsync())?.JobId);
        Assert.Equal(newer, (await stopping.TryDequeueAsync())?.JobId);

        // No reaper runs and the heartbeat is still alive: the hand back itself returns the jobs.
        Assert.Equal(2, await stopping.HandBackAsync());
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("scaled-down")));
        foreach (string id in new[] { older, newer })
        {
            JobRecord job = (await queue.GetJobAsync(id))!;
            Assert.Equal((JobState.Queued, 0, null), (job.State, job.Attempts, job.Worker));
        }
        Assert.Equal(0, await stopping.HandBackAsync());

        // Returned jobs go ahead of the one that never started, oldest first, and with MaxAttempts = 1 they
        // can still run: the aborted start was not counted.
        JobConsumer next = Consumer("next");
        Assert.Equal(older, (await next.TryDequeueAsync())?.JobId);
        Assert.Equal(newer, (await next.TryDequeueAsync())?.JobId);
        Assert.Equal(waiting, (await next.TryDequeueAsync())?.JobId);
        Assert.True(await next.CompleteAsync(older, Bytes("done")));
        Assert.Equal(1, (await queue.GetJobAsync(older))!.Attempts);
    }

    [Fact]
    public async Task A_worker_restarted_under_the_same_id_returns_what_its_previous_run_held()
    {
        JobQueue queue = Queue();
        string older = (await queue.EnqueueAsync(Bytes("older"))).JobId;
        string newer = (await queue.EnqueueAsync(Bytes("newer"))).JobId;
        // The first run takes both and dies without a word (no hand back, no disposal).
        JobConsumer crashed = new(Connection, Options, "pod-0");
        Assert.Equal(older, (await crashed.TryDequeueAsync())?.JobId);
        Assert.Equal(newer, (await crashed.TryDequeueAsync())?.JobId);

        // The restarted container beats under the same name at once, so no reaper pass would ever return them.
        JobConsumer restarted = Consumer("pod-0");
        await restarted.HeartbeatAsync();
        await new QueueReaper(Connection, Options).ReapOnceAsync();
        Assert.Equal(2, await Db.ListLengthAsync(Keys.Processing("pod-0")));

        Assert.Equal(2, await restarted.RecoverAsync());
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("pod-0")));
        foreach (string id in new[] { older, newer })
        {
            JobRecord job = (await queue.GetJobAsync(id))!;
            // The crashed attempt counts, as a reaped one does.
            Assert.Equal((JobState.Queued, 1, null), (job.State, job.Attempts, job.Worker));
        }
        Assert.Equal(0, await restarted.RecoverAsync());
        string[] taken = [(await restarted.TryDequeueAsync())!.JobId, (await restarted.TryDequeueAsync())!.JobId];
        Assert.Equal(new[] { newer, older }.Order(), taken.Order());
        Assert.True(await restarted.CompleteAsync(older, Bytes("done")));
        Assert.Equal(2, (await queue.GetJobAsync(older))!.Attempts);
    }

    [Fact]
    public async Task Demand_counts_waiting_jobs_and_the_jobs_workers_hold_until_they_finish()
    {
        JobQueue queue = Queue();
        Assert.Equal(new QueueDemand(0, 0), await QueueDemand.ReadAsync(Connection, Options.KeyPrefix));
        string[] ids = new string[4];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = (await queue.EnqueueAsync(Bytes($"job {i}"))).JobId;
        }
        JobConsumer a = Consumer("a"), b = Consumer("b");
        await a.TryDequeueAsync();
        await a.TryDequeueAsync();
        await b.TryDequeueAsync();
        Assert.Equal(new QueueDemand(1, 3), await QueueDemand.ReadAsync(Connection, Options.KeyPrefix));

        Assert.True(await a.CompleteAsync(ids[0], Bytes("done")));
        await b.FailAsync(ids[2], "retry later");
        QueueDemand after = await QueueDemand.ReadAsync(Connection, Options.KeyPrefix);
        Assert.Equal((1, 1, 2L), (after.Ready, after.InFlight, after.Total));
        // Another prefix is another queue.
        Assert.Equal(0, (await QueueDemand.ReadAsync(Connection, Options.KeyPrefix + "other:")).Total);
    }

    [Fact]
    public async Task Completion_is_idempotent_by_job_id()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("once"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        Assert.True(await worker.CompleteAsync(id, Bytes("first")));
        Assert.False(await worker.CompleteAsync(id, Bytes("second")));
        Assert.Equal("first", Text(await queue.GetResultAsync(id)));
        TimeSpan? ttl = await Db.KeyTimeToLiveAsync(Keys.Result(id));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(59), Options.ResultTtl);
        Assert.NotNull(await Db.KeyTimeToLiveAsync(Keys.Job(id)));
    }

    [Fact]
    public async Task A_producer_can_keep_a_result_longer_than_the_default()
    {
        JobQueue queue = Queue();
        string kept = (await queue.EnqueueAsync(Bytes("session turn"), resultTtl: TimeSpan.FromHours(24))).JobId;
        string plain = (await queue.EnqueueAsync(Bytes("single edit"))).JobId;
        JobConsumer worker = Consumer("w");
        foreach (string id in new[] { kept, plain })
        {
            Assert.Equal(id, (await worker.TryDequeueAsync())?.JobId);
            Assert.True(await worker.CompleteAsync(id, Bytes("done")));
        }
        Assert.InRange((await Db.KeyTimeToLiveAsync(Keys.Result(kept)))!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.InRange((await Db.KeyTimeToLiveAsync(Keys.Result(plain)))!.Value, TimeSpan.FromMinutes(59), Options.ResultTtl);
        Assert.Equal(TimeSpan.FromHours(24), (await queue.GetJobAsync(kept))!.ResultTtl);
        Assert.Null((await queue.GetJobAsync(plain))!.ResultTtl);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.EnqueueAsync(Bytes("x"), resultTtl: TimeSpan.Zero));
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_job_instead_of_queueing_again()
    {
        JobQueue queue = Queue();
        EnqueueResult first = await queue.EnqueueAsync(Bytes("a"), idempotencyKey: "client-42");
        EnqueueResult again = await queue.EnqueueAsync(Bytes("a"), idempotencyKey: "client-42");
        EnqueueResult other = await queue.EnqueueAsync(Bytes("b"), idempotencyKey: "client-43");
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.JobId, again.JobId);
        Assert.NotEqual(first.JobId, other.JobId);
        Assert.Equal(2, await queue.GetReadyLengthAsync());
        Assert.Equal("client-42", (await queue.GetJobAsync(first.JobId))!.IdempotencyKey);
    }

    [Fact]
    public async Task Concurrent_repeats_of_an_idempotency_key_all_name_one_job_that_exists()
    {
        JobQueue queue = Queue();
        for (int round = 0; round < 5; round++)
        {
            string key = $"client-retry-{round}";
            // Each repeat looks its job up the moment it returns, as a gateway answering the client does.
            var repeats = Enumerable.Range(0, 8).Select(async _ =>
            {
                EnqueueResult result = await queue.EnqueueAsync(Bytes("same edit"), idempotencyKey: key);
                return (result, job: await queue.GetJobAsync(result.JobId));
            }).ToArray();
            var results = await Task.WhenAll(repeats);
            Assert.Single(results.Select(r => r.result.JobId).Distinct());
            Assert.Single(results, r => !r.result.Duplicate);
            Assert.All(results, r => Assert.NotNull(r.job));
        }
        Assert.Equal(5, await queue.GetReadyLengthAsync());
    }

    [Fact]
    public async Task Cancelling_a_queued_job_removes_it_before_any_worker_runs_it()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("never mind"))).JobId;
        JobRecord? cancelled = await queue.CancelAsync(id);
        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.True(cancelled.CancelRequested);
        Assert.Equal(0, await queue.GetReadyLengthAsync());
        Assert.Null(await Consumer("w").TryDequeueAsync());
        Assert.Null(await queue.CancelAsync("no-such-job"));
    }

    [Fact]
    public async Task Cancelling_a_running_job_flags_it_and_the_worker_settles_it()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("long edit"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        Assert.False(await worker.IsCancellationRequestedAsync(id));

        JobRecord? afterCancel = await queue.CancelAsync(id);
        Assert.Equal(JobState.Running, afterCancel!.State);
        Assert.True(afterCancel.CancelRequested);
        Assert.True(await worker.IsCancellationRequestedAsync(id));

        Assert.True(await worker.AcknowledgeCancellationAsync(id));
        Assert.Equal(JobState.Cancelled, (await queue.GetJobAsync(id))!.State);
        Assert.False(await worker.CompleteAsync(id, Bytes("too late")));
        Assert.Null(await queue.GetResultAsync(id));
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("w")));
    }

    [Fact]
    public async Task Cancel_and_complete_hold_while_the_worker_writes_progress_to_the_same_job()
    {
        // WATCH aborts a transaction on any write to the watched job, so a cancel racing a worker's
        // per-step progress writes must retry, not report "not flagged" (a CI failure, 2026-11-27).
        // The worker talks over its own connection, as it does from its own process.
        await using ConnectionMultiplexer workerConnection = TestConnections.Connect(Connection.Configuration);
        JobQueue queue = Queue();
        await using var worker = new JobConsumer(workerConnection, Options, "busy");
        for (int round = 0; round < 20; round++)
        {
            string id = (await queue.EnqueueAsync(Bytes($"edit {round}"))).JobId;
            Assert.NotNull(await worker.TryDequeueAsync());
            using var stop = new CancellationTokenSource();
            Task progress = Task.Run(async () =>
            {
                for (int step = 1; !stop.IsCancellationRequested; step++)
                {
                    await worker.ReportProgressAsync(id, step, int.MaxValue);
                }
            });

            if (round % 2 == 0)
            {
                JobRecord? flagged = await queue.CancelAsync(id);
                Assert.True(flagged!.CancelRequested, $"round {round}: cancel lost to a progress write");
                Assert.True(await worker.AcknowledgeCancellationAsync(id));
            }
            else
            {
                Assert.True(await worker.CompleteAsync(id, Bytes("done")), $"round {round}: completion lost to a progress write");
            }
            await stop.CancelAsync();
            await progress;
            Assert.Contains((await queue.GetJobAsync(id))!.State, new[] { JobState.Cancelled, JobState.Succeeded });
        }
        Assert.Equal(0, await Db.ListLengthAsync(Keys.Processing("busy")));
    }

    [Fact]
    public async Task A_due_retry_is_taken_by_the_same_look_that_promotes_it()
    {
        Options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        Options.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("retry soon"))).JobId;
        JobConsumer worker = Consumer("w");
        Assert.NotNull(await worker.TryDequeueAsync());
        Assert.Equal(JobState.RetryScheduled, await worker.FailAsync(id, "transient"));
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        // The promotion and the take share a round trip; with nothing else ready the look takes it at once.
        JobLease? lease = await worker.TryDequeueAsync();
        Assert.Equal(id, lease?.JobId);
        Assert.Equal(2, lease!.Attempt);
        Assert.Equal(0, await Db.SortedSetLengthAsync(Keys.Delayed));
    }

    [Fact]
    public async Task Cancelling_a_job_waiting_for_its_retry_removes_it_from_the_delayed_set()
    {
        Options.RetryBaseDelay = TimeSpan.FromSeconds(30);
        Options.RetryMaxDelay = TimeSpan.FromSeconds(30);
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("retry later"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        Assert.Equal(JobState.RetryScheduled, await worker.FailAsync(id, "transient"));
        Assert.Equal(JobState.Cancelled, (await queue.CancelAsync(id))!.State);
        Assert.Equal(0, await Db.SortedSetLengthAsync(Keys.Delayed));
    }

    [Fact]
    public async Task Full_queue_refuses_new_jobs_until_it_drains()
    {
        Options.MaxReadyLength = 2;
        JobQueue queue = Queue();
        await queue.EnqueueAsync(Bytes("1"));
        await queue.EnqueueAsync(Bytes("2"));
        QueueFullException full = await Assert.ThrowsAsync<QueueFullException>(() => queue.EnqueueAsync(Bytes("3"), idempotencyKey: "k"));
        Assert.Equal(2, full.ReadyLength);
        Assert.Equal(2, full.MaxReadyLength);

        await Consumer("w").TryDequeueAsync();
        // The refused attempt did not keep its idempotency key: the client's retry is queued, not reported as a duplicate.
        EnqueueResult retried = await queue.EnqueueAsync(Bytes("3"), idempotencyKey: "k");
        Assert.False(retried.Duplicate);
    }

    [Fact]
    public async Task A_job_can_be_queued_under_an_id_chosen_first_but_only_once()
    {
        JobQueue queue = Queue();
        string id = JobQueue.NewJobId();
        Assert.Equal(new EnqueueResult(id, Duplicate: false), await queue.EnqueueAsync(id, Bytes("named"), label: "contour"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(id, Bytes("again")));
        Assert.Equal("contour", (await queue.GetJobAsync(id))!.Label);

        JobLease? lease = await Consumer("w").TryDequeueAsync();
        Assert.Equal((id, "named"), (lease!.JobId, Text(lease.Payload)));
        Assert.Null(await Consumer("w2").TryDequeueAsync());
    }

    [Fact]
    public async Task A_progress_detail_is_published_and_kept_on_the_job()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("learn"))).JobId;
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        await using JobEventSubscription subscription = await queue.SubscribeAsync(id);

        await worker.ReportProgressAsync(id, 7, 300, "0.125");

        JobRecord job = (await queue.GetJobAsync(id))!;
        Assert.Equal((7, 300, "0.125"), (job.Step, job.TotalSteps, job.ProgressDetail));
        await foreach (JobEvent e in subscription.ReadAllAsync(new CancellationTokenSource(Patience).Token))
        {
            Assert.Equal((JobEventKind.Progress, 7, "0.125"), (e.Kind, e.Step, e.Message));
            break;
        }
    }

    [Fact]
    public async Task Progress_and_state_events_reach_subscribers()
    {
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("watch me"))).JobId;
        await using JobEventSubscription subscription = await queue.SubscribeAsync(id);
        Task<List<JobEvent>> collected = Collect(subscription);

        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        for (int step = 1; step <= 3; step++)
        {
            await worker.ReportProgressAsync(id, step, 3, step == 2 ? Bytes("preview") : null);
        }
        Assert.Equal(3, (await queue.GetJobAsync(id))!.Step);
        await worker.CompleteAsync(id, Bytes("done"));

        List<JobEvent> events = await collected.WaitAsync(Patience);
        Assert.Equal(
            [JobEventKind.Started, JobEventKind.Progress, JobEventKind.Progress, JobEventKind.Progress, JobEventKind.Succeeded],
            events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(id, e.JobId));
        Assert.Equal(1, events[0].Attempt);
        Assert.Equal([1, 2, 3], events.Skip(1).Take(3).Select(e => e.Step));
        Assert.Equal("preview", Text(events[2].Preview));
        Assert.Null(events[1].Preview);

        static async Task<List<JobEvent>> Collect(JobEventSubscription subscription)
        {
            var events = new List<JobEvent>();
            await foreach (JobEvent e in subscription.ReadAllAsync(new CancellationTokenSource(Patience).Token))
            {
                events.Add(e);
            }
            return events;
        }
    }

    [Fact]
    public async Task Trace_context_travels_with_the_job()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == QueueTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new Activity("gateway.edit");
        request.SetIdFormat(ActivityIdFormat.W3C);
        request.TraceStateString = "emuedit=gateway";
        request.Start();
        string id = (await Queue().EnqueueAsync(Bytes("traced"))).JobId;
        request.Stop();
        Activity.Current = null;

        JobLease? lease = await Consumer("w").TryDequeueAsync();
        Assert.NotNull(lease);
        Assert.NotNull(lease.TraceParent);
        Assert.StartsWith($"00-{request.TraceId}-", lease.TraceParent, StringComparison.Ordinal);
        Assert.Equal("emuedit=gateway", lease.TraceState);
        Assert.Equal(request.TraceId, lease.ParentContext.TraceId);

        using Activity? processing = QueueTelemetry.StartProcessing(lease);
        Assert.NotNull(processing);
        Assert.Equal(request.TraceId, processing.TraceId);
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
    }
}

public sealed class GarnetJobQueueTests(GarnetServerFixture server) : JobQueueContractTests(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisJobQueueTests(RedisServerFixture server) : JobQueueContractTests(server), IClassFixture<RedisServerFixture>;
