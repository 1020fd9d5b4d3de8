// One exported checkpoint is shared by every class (ExportedModelCollection), and LibTorch's generator is
// process-wide; on two cores parallel classes would only contend with LibTorch's and ORT's own threads.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
