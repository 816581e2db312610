using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Streams;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// One association's shared memory: a file mapped by both processes, holding a header and two rings,
/// one per direction (see <see cref="SegmentLayout"/>).
/// </summary>
/// <remarks>
/// .NET has no named shared memory on Linux (named maps are Windows-only), so the segment is a
/// plain file under <c>/dev/shm</c>, created 0600 and mapped with <see cref="MemoryMappedFile"/>.
/// Every use of the memory goes through a <see cref="Lease"/>: disposing the segment while another
/// thread still reads or writes only marks it closed, and the memory is unmapped when the last lease
/// ends, so a late reader never touches an unmapped page.
/// </remarks>
internal sealed unsafe class SharedSegment : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private int _disposed;

    private SharedSegment(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, SegmentRole role, int ringCapacity)
    {
        Path = path;
        Role = role;
        RingCapacity = ringCapacity;
        _file = file;
        _view = view;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;

        var creatorRing = _base + SegmentLayout.CreatorRingOffset;
        var acceptorRing = _base + SegmentLayout.AcceptorRingOffset(ringCapacity);
        Outbound = new RingProducer(role == SegmentRole.Creator ? creatorRing : acceptorRing, ringCapacity);
        Inbound = new RingConsumer(role == SegmentRole.Creator ? acceptorRing : creatorRing, ringCapacity);
    }

    /// <summary>The segment's file; it may already be unlinked.</summary>
    public string Path { get; }

    /// <summary>The side this process plays.</summary>
    public SegmentRole Role { get; }

    /// <summary>Each ring's capacity in bytes.</summary>
    public int RingCapacity { get; }

    /// <summary>The ring this process writes.</summary>
    public RingProducer Outbound { get; }

    /// <summary>The ring this process reads.</summary>
    public RingConsumer Inbound { get; }

    /// <summary>The peer's process id as written in the header (0 until the acceptor has written its own).</summary>
    public int PeerProcessId => Volatile.Read(ref Int32(Role == SegmentRole.Creator ? SegmentLayout.AcceptorPidOffset : SegmentLayout.CreatorPidOffset));

    /// <summary>The peer's heartbeat counter.</summary>
    public long PeerHeartbeat => Volatile.Read(ref Int64(Role == SegmentRole.Creator ? SegmentLayout.AcceptorHeartbeatOffset : SegmentLayout.CreatorHeartbeatOffset));

    /// <summary>
    /// Creates a fresh segment file (mode 0600) in <paramref name="directory"/>, its memory reserved at
    /// once, and maps it as its creator.
    /// </summary>
    /// <exception cref="IOException">No room in the directory's filesystem, or no descriptor left; the message says which.</exception>
    public static SharedSegment Create(string directory, int ringCapacity)
    {
        RingLayout.CheckCapacity(ringCapacity);
        var path = System.IO.Path.Combine(directory, SegmentFiles.NewName());
        var length = SegmentLayout.FileLength(ringCapacity);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = RuntimeDirectory.FileMode;
        }

        var stream = OpenSegmentFile(path, options);
        try
        {
            SegmentSpace.Reserve(stream, directory, length);
            var segment = Map(path, stream, length, SegmentRole.Creator, ringCapacity);
            segment.WriteHeader(ringCapacity);
            return segment;
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Maps a segment a peer created, as its acceptor, after checking that it is a regular file of
    /// <paramref name="expectedOwner"/>, mode 0600, of our layout and of the length its header claims.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a segment we accept; the message says why.</exception>
    public static SharedSegment Open(string path, uint expectedOwner, int maximumRingCapacity)
    {
        var status = Interop.StatX(path);
        if (!status.IsRegularFile || status.Uid != expectedOwner || status.Permissions != RuntimeDirectory.FileMode)
        {
            throw new InvalidDataException(
                $"segment {path} is not a regular file of uid {expectedOwner} with mode 0600 (uid={status.Uid}, mode={Convert.ToString(status.Mode, 8)})");
        }

        var stream = OpenSegmentFile(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite });
        try
        {
            Span<byte> header = stackalloc byte[16];
            stream.ReadExactly(header);
            var magic = BitConverter.ToInt64(header);
            var version = BitConverter.ToInt32(header[SegmentLayout.VersionOffset..]);
            var capacity = BitConverter.ToInt32(header[SegmentLayout.CapacityOffset..]);
            if (magic != SegmentLayout.Magic || version != SegmentLayout.Version)
            {
                throw new InvalidDataException($"segment {path} is not an Actors segment of layout version {SegmentLayout.Version}");
            }

            if (capacity > maximumRingCapacity)
            {
                throw new InvalidDataException($"segment {path} asks for rings of {capacity} bytes; this side accepts at most ring-size={maximumRingCapacity}");
            }

            RingLayout.CheckCapacity(capacity);
            var length = SegmentLayout.FileLength(capacity);
            if (stream.Length != length)
            {
                throw new InvalidDataException($"segment {path} is {stream.Length} bytes long; rings of {capacity} bytes need {length}");
            }

            var segment = Map(path, stream, length, SegmentRole.Acceptor, capacity);
            Volatile.Write(ref segment.Int32(SegmentLayout.AcceptorPidOffset), Environment.ProcessId);
            return segment;
        }
        catch (ArgumentOutOfRangeException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"segment {path}: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Maps, as its acceptor, a segment that a process of this same user created (see <see cref="Open"/>).</summary>
    public static SharedSegment OpenOwn(string path, int maximumRingCapacity) => Open(path, Interop.GetEUid(), maximumRingCapacity);

    /// <summary>Removes the file; the mapping of both sides stays valid.</summary>
    public void Unlink() => File.Delete(Path);

    /// <summary>
    /// Marks the memory in use by the calling thread until the lease is disposed; a lease that is not
    /// <see cref="SegmentLease.IsHeld"/> means the segment is disposed and its memory must not be touched.
    /// </summary>
    public SegmentLease Lease()
    {
        var added = false;
        try
        {
            _view.SafeMemoryMappedViewHandle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return default;
        }

        return added ? new SegmentLease(this) : default;
    }

    /// <summary>Ends a use begun by <see cref="Lease"/>.</summary>
    internal void Exit() => _view.SafeMemoryMappedViewHandle.DangerousRelease();

    /// <summary>Moves this side's heartbeat counter on: the peer watches it to tell a live process from a hung one.</summary>
    public void Beat() => Interlocked.Increment(ref Int64(Role == SegmentRole.Creator ? SegmentLayout.CreatorHeartbeatOffset : SegmentLayout.AcceptorHeartbeatOffset));

    /// <summary>Unmaps the memory once nobody is inside it any more.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>Opens a segment file; a process out of descriptors gets an error that says so.</summary>
    private static FileStream OpenSegmentFile(string path, FileStreamOptions options)
    {
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException e) when (e.HResult is Interop.Errno.EMFILE or Interop.Errno.ENFILE)
        {
            throw new IOException($"cannot open segment {path}: out of file descriptors ({DescriptorsRanOut(e.HResult)})", e) { HResult = e.HResult };
        }
    }

    private static string DescriptorsRanOut(int errno) => errno == Interop.Errno.EMFILE
        ? ResourceExhaustion.ProcessDescriptorsText()
        : "ENFILE: the system's limit fs.file-max is reached";

    private static SharedSegment Map(string path, FileStream stream, long length, SegmentRole role, int ringCapacity)
    {
        var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        try
        {
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            return new SharedSegment(path, file, view, role, ringCapacity);
        }
        catch (Exception e) when (e is OutOfMemoryException or IOException { HResult: Interop.Errno.ENOMEM })
        {
            // mmap's ENOMEM reads "Cannot allocate memory" (or OutOfMemoryException, as if the heap were
            // full): say which limits refuse a mapping, and whether descriptors ran out as well.
            file.Dispose();
            throw new IOException(
                $"mapping segment {path} failed: the kernel refused a mapping of {length} bytes (ENOMEM: ulimit -v, vm.max_map_count or the machine's memory; {DescriptorsNow()})",
                e) { HResult = Interop.Errno.ENOMEM };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether descriptors ran out as well: a probe takes one and gives it back.</summary>
    private static string DescriptorsNow()
    {
        try
        {
            using var probe = File.OpenHandle("/dev/null");
            return "descriptors are not exhausted";
        }
        catch (IOException e) when (e.HResult is Interop.Errno.EMFILE or Interop.Errno.ENFILE)
        {
            return $"out of file descriptors too: {DescriptorsRanOut(e.HResult)}";
        }
    }

    private void WriteHeader(int ringCapacity)
    {
        Volatile.Write(ref Int32(SegmentLayout.VersionOffset), SegmentLayout.Version);
        Volatile.Write(ref Int32(SegmentLayout.CapacityOffset), ringCapacity);
        Volatile.Write(ref Int32(SegmentLayout.CreatorPidOffset), Environment.ProcessId);
        Volatile.Write(ref Int64(SegmentLayout.MagicOffset), SegmentLayout.Magic);
    }

    private ref int Int32(int offset) => ref Unsafe.AsRef<int>(_base + offset);

    private ref long Int64(int offset) => ref Unsafe.AsRef<long>(_base + offset);
}
