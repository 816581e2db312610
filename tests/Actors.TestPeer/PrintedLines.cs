namespace Actors.TestPeer;

/// <summary>Prints numbered lines on both standard streams, then a last line that says it is done.</summary>
internal static class PrintedLines
{
    public static void Print(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Console.Out.WriteLine($"out {i}");
            Console.Error.WriteLine($"err {i}");
        }

        Console.Out.WriteLine($"PRINTED {count}");
        Console.Out.Flush();
    }
}
