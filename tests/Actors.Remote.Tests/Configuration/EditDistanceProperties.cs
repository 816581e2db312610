using Actors.Remote.Configuration;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Configuration;

/// <summary>The edit distance that finds the nearest known key is a distance.</summary>
public sealed class EditDistanceProperties
{
    [Property(MaxTest = 500)]
    public bool Distance_is_symmetric_and_zero_only_between_equal_words(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        var distance = EditDistance.Between(a, b);
        return distance == EditDistance.Between(b, a) && (distance == 0) == (a == b);
    }

    [Property(MaxTest = 500)]
    public bool Distance_is_at_least_the_difference_in_length_and_at_most_the_longer_length(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        var distance = EditDistance.Between(a, b);
        return distance >= Math.Abs(a.Length - b.Length) && distance <= Math.Max(a.Length, b.Length);
    }

    [Theory]
    [InlineData("maximum-frame-sise", "maximum-frame-size", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_of_known_pairs(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
    }
}
