using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    // FUTEX_WAIT and FUTEX_WAKE without FUTEX_PRIVATE_FLAG: the word lives in a file mapped by two
    // processes, and a private futex is keyed by the virtual address of one process only.
    private const int FutexWait = 0;
    private const int FutexWake = 1;

    /// <summary>The futex system call's number; it differs between architectures.</summary>
    private static readonly long FutexSyscall = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        Architecture.X86 => 240,
        Architecture.Arm => 240,
        var other => throw new PlatformNotSupportedException($"futex: no system call number known for {other}"),
    };

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // syscall(2) is variadic in C; every argument here is an integer or a pointer, which the
    // x86-64 and arm64 Linux calling conventions pass the same way for variadic and fixed calls.
    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial long Syscall(long number, int* address, int operation, int value, Timespec* timeout, int* address2, int value3);

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, for at most <paramref name="timeout"/>.
    /// Returns at once when the word already differs; a wake, a signal or the timeout ends the wait.
    /// The caller re-checks its condition in every case.
    /// </summary>
    internal static unsafe void FutexWaitShared(int* address, int expected, TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        var span = new Timespec
        {
            Seconds = ticks / TimeSpan.TicksPerSecond,
            Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100,
        };
        // EAGAIN (word changed), EINTR and ETIMEDOUT all mean "look again": nothing to report.
        _ = Syscall(FutexSyscall, address, FutexWait, expected, &span, null, 0);
    }

    /// <summary>Wakes at most <paramref name="count"/> waiters sleeping on <paramref name="address"/>, in any process.</summary>
    internal static unsafe void FutexWakeShared(int* address, int count)
    {
        _ = Syscall(FutexSyscall, address, FutexWake, count, null, null, 0);
    }
}
