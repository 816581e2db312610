using Akka.Actor;

namespace Actors.Hosting;

/// <summary>What <see cref="ActorsHostingExtensions.WithActorsCluster"/> configures beyond the transport.</summary>
public sealed class ActorsClusterOptions
{
    /// <summary>The members to join first, e.g. <c>akka.shm://app@host:1</c>; empty = join later from code.</summary>
    public IList<string> SeedNodes { get; } = [];

    /// <summary>This member's roles.</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>How long to wait for a seed before trying the next; the shipped config's 2 s.</summary>
    public TimeSpan SeedNodeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is wrong; returns this.</summary>
    public ActorsClusterOptions Validate()
    {
        foreach (var seed in SeedNodes)
        {
            if (!Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
            {
                throw new ArgumentException(
                    $"invalid Actors cluster option: {nameof(SeedNodes)}={seed}, expected=an address such as akka.shm://app@host:1", nameof(SeedNodes));
            }
        }

        if (Roles.FirstOrDefault(string.IsNullOrWhiteSpace) is { } role)
        {
            throw new ArgumentException($"invalid Actors cluster option: {nameof(Roles)}=\"{role}\", expected=a non-empty name", nameof(Roles));
        }

        if (SeedNodeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"invalid Actors cluster option: {nameof(SeedNodeTimeout)}={SeedNodeTimeout}, expected=above zero", nameof(SeedNodeTimeout));
        }

        return this;
    }
}
