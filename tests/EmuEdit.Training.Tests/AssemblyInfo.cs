// Runs seed LibTorch's process-wide generator before building their untrained weights; tests running in
// parallel would draw from it concurrently and make "identical runs" differ. One run per process is the
// production case, so the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
