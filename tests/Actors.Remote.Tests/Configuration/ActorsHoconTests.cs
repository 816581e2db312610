using Actors.Remote.Configuration;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary>The shipped configs served from code (<see cref="ActorsHocon"/>), so a package user needs no file of ours.</summary>
public sealed class ActorsHoconTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "HOCON");

    public static TheoryData<string> Names() => new(ActorsHocon.Names);

    [Fact]
    public void Every_shipped_config_but_the_cluster_one_is_served_from_code_exactly_as_its_file()
    {
        var files = Directory.GetFiles(ShippedFolder, "*.conf")
            .Where(f => Path.GetFileName(f) != "cluster.conf")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, File.ReadAllText);

        Assert.Equal(files.Keys.Order(), ActorsHocon.Names.Order());
        Assert.All(files, file => Assert.Equal(file.Value, ActorsHocon.Get(file.Key)));
    }

    [Fact]
    public void The_named_properties_serve_the_files_they_are_named_after()
    {
        Assert.Equal(ActorsHocon.Get("uds"), ActorsHocon.Uds);
        Assert.Equal(ActorsHocon.Get("tcp"), ActorsHocon.Tcp);
        Assert.Equal(ActorsHocon.Get("tls"), ActorsHocon.Tls);
        Assert.Equal(ActorsHocon.Get("shm"), ActorsHocon.Shm);
        Assert.Equal(ActorsHocon.Get("lane"), ActorsHocon.Lane);
        Assert.Equal(ActorsHocon.Get("auto"), ActorsHocon.Auto);
        Assert.Equal(ActorsHocon.Get("pipe"), ActorsHocon.Pipe);
        Assert.Equal(ActorsHocon.Get("fifo"), ActorsHocon.Fifo);
        Assert.Equal(ActorsHocon.Get("apipe"), ActorsHocon.AnonymousPipe);
        Assert.Equal(ActorsHocon.Get("bounded"), ActorsHocon.Bounded);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_there_are()
    {
        var e = Assert.Throws<ArgumentException>(() => ActorsHocon.Get("udp"));

        Assert.Contains("name=udp", e.Message);
        Assert.Contains("known=apipe,auto,bounded,fifo,lane,pipe,shm,tcp,tls,uds", e.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_served_config_parses_and_enables_one_of_our_transports(string name)
    {
        var config = ConfigurationFactory.ParseString(ActorsHocon.Get(name));

        var transport = Assert.Single(config.GetStringList("akka.remote.enabled-transports"));
        Assert.StartsWith("akka.remote.actors.", transport);
        Assert.EndsWith(", Actors.Remote", config.GetString($"{transport}.transport-class"));
        Assert.EndsWith(", Actors.Remote", config.GetString("akka.actor.provider"));
    }

    // tls needs certificate and secret files named in it, apipe a parent that hands it pipes: both are
    // started from their files by the transport specs. The others start as they are.
    [Theory]
    [InlineData("uds", "uds")]
    [InlineData("tcp", "atcp")]
    [InlineData("auto", "atcp")]
    [InlineData("shm", "shm")]
    [InlineData("lane", "shm")]
    [InlineData("pipe", "pipe")]
    [InlineData("fifo", "fifo")]
    [InlineData("bounded", "uds")]
    public async Task A_system_starts_from_a_served_config_with_no_file(string name, string scheme)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ActorsHocon.Get(name));
        var system = ActorSystem.Create($"served-{name}", config);
        try
        {
            Assert.Equal($"akka.{scheme}", ((ExtendedActorSystem)system).Provider.DefaultAddress.Protocol);
        }
        finally
        {
            await system.Terminate().WaitAsync(Bound);
        }
    }
}
