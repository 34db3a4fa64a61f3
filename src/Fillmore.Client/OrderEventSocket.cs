// One WebSocket connection to /ws/orders/events, frame by frame, as text. This is the only WebSocket
// reader in the repository: the resuming stream (FillmoreClient.StreamEventsAsync) and the tests'
// raw-frame client are built on it. A refused upgrade is a FillmoreApiException: a 400 with the
// service's own problem document (naming the bad parameter), a 401 or 403 by its status.
namespace Fillmore.Client;

using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text;

public sealed class OrderEventSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly MemoryStream _message = new();

    private OrderEventSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <param name="service">The service's HTTP address (http → ws, https → wss).</param>
    /// <param name="query">The query string without '?': since=, symbol=, order_id=, trader_id=.</param>
    /// <param name="trust">Checks the server's certificate on wss (a private CA); null: the system's trust.</param>
    public static async Task<OrderEventSocket> ConnectAsync(Uri service,
        IEnumerable<(string Name, string Value)> headers, string query, CancellationToken ct,
        RemoteCertificateValidationCallback? trust = null)
    {
        var socket = new ClientWebSocket();
        if (trust is not null) socket.Options.RemoteCertificateValidationCallback = trust;
        foreach (var (name, value) in headers) socket.Options.SetRequestHeader(name, value);
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(service)
        {
            Scheme = service.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = service.AbsolutePath.TrimEnd('/') + "/ws/orders/events",
            Query = query,
        }.Uri;
        try
        {
            await socket.ConnectAsync(uri, ct).ConfigureAwait(false);
            return new OrderEventSocket(socket);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is HttpStatusCode.BadRequest)
        {
            socket.Dispose();
            throw await ExplainedAsync(new UriBuilder(uri) { Scheme = service.Scheme }.Uri, headers, ct)
                .ConfigureAwait(false);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is not (0 or HttpStatusCode.SwitchingProtocols))
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw Refused(status);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ClientWebSocket does not hand over the refusal's body; the status says enough to tell a bad request (not
    // worth repeating) from a server that is not there yet.
    private static FillmoreApiException Refused(HttpStatusCode status) => new(new Problem
    {
        Status = (int)status,
        Code = status switch
        {
            HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
            HttpStatusCode.Forbidden => "FORBIDDEN",
            _ => $"HTTP_{(int)status}",
        },
        Title = "WebSocket upgrade refused",
        Detail = $"The service refused the event stream with {(int)status} {status}; the same query over plain "
            + "HTTP shows the problem document.",
    });

    // The service checks the query before the upgrade, so a plain GET of the same address answers the problem
    // document (naming the bad parameter) that ClientWebSocket does not hand over.
    private static async Task<FillmoreApiException> ExplainedAsync(Uri address,
        IEnumerable<(string Name, string Value)> headers, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return await FillmoreHttp.ErrorAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>The next frame's text, or null when the server closed the connection (CloseStatus says how).</summary>
    public async Task<string?> ReceiveAsync(CancellationToken ct)
    {
        _message.SetLength(0);
        while (true)
        {
            var r = await _socket.ReceiveAsync(_buffer, ct).ConfigureAwait(false);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            _message.Write(_buffer, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(_message.GetBuffer(), 0, (int)_message.Length);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException) { }
        }
        _socket.Dispose();
        await _message.DisposeAsync().ConfigureAwait(false);
    }
}
