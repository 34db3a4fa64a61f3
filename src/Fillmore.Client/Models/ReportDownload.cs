// A downloaded execution report: the file name the service gave it, its type and its size.
namespace Fillmore.Client;

public sealed record ReportDownload(string FileName, string ContentType, long Bytes);
