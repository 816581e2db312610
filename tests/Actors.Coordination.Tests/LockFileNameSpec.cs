namespace Actors.Coordination.Tests;

public sealed class LockFileNameSpec
{
    [Theory]
    [InlineData("plain-name_1", "plain-name_1.lease")]
    [InlineData("../../etc/passwd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.lease")]
    [InlineData("..", "%2E%2E.lease")]
    [InlineData(".hidden", "%2Ehidden.lease")]
    [InlineData("sys-singleton-akka://sys/user/x", "sys-singleton-akka%3A%2F%2Fsys%2Fuser%2Fx.lease")]
    [InlineData("é", "%C3%A9.lease")]
    public void A_name_becomes_one_file_name_in_the_directory_whatever_it_holds(string name, string expected)
    {
        var fileName = LockFileName.For(name, ".lease");

        Assert.Equal(expected, fileName);
        Assert.Equal(fileName, Path.GetFileName(fileName));
    }

    [Fact]
    public void An_empty_name_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => LockFileName.For(string.Empty, ".lease"));
        Assert.Contains("name=\"\"", error.Message);
    }

    [Fact]
    public void A_name_too_long_once_escaped_is_refused_with_the_limit()
    {
        var error = Assert.Throws<ArgumentException>(() => LockFileName.For(new string('/', 100), ".lease"));
        Assert.Contains("limit=255", error.Message);
    }
}
