// Each test starts real processes; on 2 cores they run one at a time so timings stay meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
