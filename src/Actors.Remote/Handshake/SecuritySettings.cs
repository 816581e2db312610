using System.Text;
using Actors.Remote.Configuration;
using Actors.Remote.Native;
using Akka.Configuration;

namespace Actors.Remote.Handshake;

/// <summary>
/// Who may connect: the shared secret each side proves it knows, the user ids a local peer may run as,
/// and how many connections may wait in the hello at once (see <c>akka.remote.actors.security</c> in
/// <c>reference.conf</c>).
/// </summary>
/// <remarks>The secret is never part of a string this type produces, so it cannot reach a log.</remarks>
internal sealed class SecuritySettings
{
    /// <summary>Where the shared defaults sit in reference.conf (and in a user's HOCON).</summary>
    public const string ConfigPath = "akka.remote.actors.security";

    /// <summary>The shortest secret accepted, in UTF-8 bytes: shorter ones can be guessed.</summary>
    public const int MinimumSecretLength = 16;

    private readonly byte[] _secret;
    private readonly HashSet<uint> _allowedUserIds;

    /// <param name="secret">The shared secret as UTF-8 text; empty turns the proof off.</param>
    /// <param name="allowedUserIds">User ids a local peer may run as besides this process's own.</param>
    /// <param name="maximumPendingHandshakes">Connections a listener lets wait in the hello at once.</param>
    /// <param name="socketFileMode">The mode of the socket files and FIFOs the transports create; null = 0600.</param>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinimumSecretLength"/> bytes, or the limit is below 1.</exception>
    public SecuritySettings(string secret = "", IEnumerable<uint>? allowedUserIds = null, int maximumPendingHandshakes = 64, UnixFileMode? socketFileMode = null)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        if (_secret.Length is > 0 and < MinimumSecretLength)
        {
            throw new ArgumentException($"shared secret too short: length={_secret.Length} bytes, minimum={MinimumSecretLength}");
        }

        if (maximumPendingHandshakes < 1)
        {
            throw new ArgumentException($"maximum-pending-handshakes={maximumPendingHandshakes} must be at least 1");
        }

        _allowedUserIds = [.. allowedUserIds ?? [], OwnUserId()];
        MaximumPendingHandshakes = maximumPendingHandshakes;
        SocketFileMode = socketFileMode ?? Platform.RuntimeDirectory.FileMode;
    }

    /// <summary>No secret, local peers of this user only, 64 pending hellos: the defaults.</summary>
    public static SecuritySettings Default { get; } = new();

    /// <summary>True when each side must prove it knows the shared secret.</summary>
    public bool RequiresSecret => _secret.Length > 0;

    /// <summary>The user ids a local peer may run as: this process's own and those configured.</summary>
    public IReadOnlySet<uint> AllowedUserIds => _allowedUserIds;

    /// <summary>Connections a listener lets wait in the hello at once; more are closed at once.</summary>
    public int MaximumPendingHandshakes { get; }

    /// <summary>
    /// The mode of the socket files and FIFOs the transports create (socket-file-mode): 0600 by default;
    /// 0660 lets the file's group in, which peers of other users (allowed-uids) need to connect at all.
    /// </summary>
    public UnixFileMode SocketFileMode { get; }

    /// <summary>The key of the proof; only the handshake reads it.</summary>
    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>True when a local peer running as <paramref name="userId"/> may connect.</summary>
    public bool AllowsUser(uint userId) => _allowedUserIds.Contains(userId);

    /// <inheritdoc />
    public override string ToString() =>
        $"secret={(RequiresSecret ? "(set)" : "(none)")} allowed-uids=[{string.Join(", ", _allowedUserIds.Order())}] maximum-pending-handshakes={MaximumPendingHandshakes}";

    /// <summary>
    /// The settings for a transport: its own <c>security</c> section when it has one, in front of the
    /// system's <c>akka.remote.actors.security</c>, in front of the defaults.
    /// </summary>
    /// <exception cref="ConfigurationException">A value is missing or wrong; the message names it (never the secret).</exception>
    internal static SecuritySettings FromConfig(Config systemConfig, Config transportSection)
    {
        var section = ReferenceConfig.Default.GetConfig(ConfigPath);
        if (systemConfig.HasPath(ConfigPath))
        {
            section = systemConfig.GetConfig(ConfigPath).WithFallback(section);
        }

        if (transportSection.HasPath("security"))
        {
            section = transportSection.GetConfig("security").WithFallback(section);
        }

        var reader = new SettingsReader(section, ConfigPath);
        var secret = ReadSecret(reader);
        var allowed = reader.GetUserIds("allowed-uids");
        var limit = reader.GetCount("maximum-pending-handshakes", 1);
        var fileMode = reader.GetFileMode("socket-file-mode");
        try
        {
            return new SecuritySettings(secret, allowed, limit, fileMode);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{ConfigPath}: {e.Message}");
        }
    }

    private static string ReadSecret(SettingsReader reader)
    {
        var inline = reader.GetString("secret");
        var file = reader.GetString("secret-file");
        if (inline.Length > 0 && file.Length > 0)
        {
            throw new ConfigurationException($"{ConfigPath}: set secret or secret-file, not both");
        }

        if (file.Length == 0)
        {
            return inline;
        }

        RefuseIfOthersCanAccess(file);
        try
        {
            // A trailing newline is how editors and `echo` end a file; it is not part of the secret.
            var text = File.ReadAllText(file).Trim();
            return text.Length > 0
                ? text
                : throw new ConfigurationException($"{ConfigPath}.secret-file = {file} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{ConfigPath}.secret-file = {file} cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// A secret every user of the machine can read proves nothing, so such a file is refused, as ssh
    /// refuses a private key others can read. Group access stays allowed: processes of several users
    /// (see allowed-uids) may share the secret through a group.
    /// </summary>
    private static void RefuseIfOthersCanAccess(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return; // A missing file is reported when it is read.
        }

        const UnixFileMode others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(file);
        if ((mode & others) != 0)
        {
            throw new ConfigurationException(
                $"{ConfigPath}.secret-file = {file} can be read or changed by any user of this machine (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}): " +
                "allow its owner only (chmod 600), or its group (chmod 640)");
        }
    }

    private static uint OwnUserId() => OperatingSystem.IsWindows() ? 0 : Interop.GetEUid();
}
