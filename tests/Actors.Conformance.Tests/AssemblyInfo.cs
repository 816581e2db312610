// Two-system tests start listeners and time out on slow machines; on 2 cores they are more
// trustworthy one at a time than racing each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
