using Hosting;

// Hosting: a Generic Host front supervises two worker processes (this program with --worker),
// all configured through Akka.Hosting; no HOCON file.
// dotnet run -c Release --project samples/Hosting [-- --jobs 200]
// --with-akka-remoting adds Akka.Remote.Hosting's WithRemoting(); with --provider-from-hocon as well, it shows
// the warning a replaced provider gives. --metrics prints the Actors.Remote and Actors.Supervision meters
// through OpenTelemetry's console exporter before the last line.

if (args.Contains("--worker"))
{
    var at = Array.IndexOf(args, "--name");
    return await Worker.RunAsync(at >= 0 && at + 1 < args.Length ? args[at + 1] : "worker");
}

var jobsAt = Array.IndexOf(args, "--jobs");
var jobs = jobsAt >= 0 && jobsAt + 1 < args.Length && int.TryParse(args[jobsAt + 1], out var n) && n > 0 ? n : 200;
return await Front.RunAsync(jobs, args.Contains("--with-akka-remoting"), args.Contains("--provider-from-hocon"), args.Contains("--metrics"));
