// Each test starts a cluster of real processes; on 2 cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
