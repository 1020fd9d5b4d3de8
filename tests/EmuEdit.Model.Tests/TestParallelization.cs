// LibTorch's default random generator is process-wide: building any module draws from it, and tests that
// seed it (torch.manual_seed) to build identical networks twice break when another test class builds a
// module in between. Test classes therefore run one after another; on two cores, with LibTorch already
// using both for intra-op work, parallel classes bought little anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
