// LibTorch's default generator is process-wide and the machine has two cores: test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
