namespace Actors.Perf.Measurement;

/// <summary>Payload bytes: random, so that no layer can compress or special-case them.</summary>
public static class Payloads
{
    public static byte[] Create(int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        return payload;
    }
}
