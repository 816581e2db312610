// Each test starts the suite as a real process (which starts partners of its own); on 2 cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
