using Actors.Remote.Pipes;

namespace Actors.Remote.Tests.Pipes;

public sealed class ParentPipeTests
{
    [Fact]
    public void Parse_OfFormat_RoundTrips()
    {
        var pipe = new ParentPipe("17", "19", 4242);

        Assert.Equal(pipe, ParentPipe.Parse(pipe.Format()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1:17:19")]
    [InlineData("v2:17:19:4242")]
    [InlineData("v1:seventeen:19:4242")]
    [InlineData("v1:17:19:-4")]
    [InlineData("v1:17:19:4242:extra")]
    public void Parse_OfMalformedValue_ThrowsNamingTheVariableAndTheExpectedForm(string value)
    {
        var e = Assert.Throws<FormatException>(() => ParentPipe.Parse(value));

        Assert.Contains(ParentPipe.EnvironmentVariable, e.Message);
        Assert.Contains("<input handle>:<output handle>:<parent pid>", e.Message);
    }
}
