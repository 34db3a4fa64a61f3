// Service registration and configuration mapping for the host.
namespace Fillmore.Api.Hosting;

using System.Text;
using Fillmore.Api.Auth;
using Fillmore.Api.Cluster;
using Fillmore.Api.Security;
using Fillmore.Api.Streaming;
using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;
using Fillmore.Storage;
using Fillmore.Storage.Postgres;
using Fillmore.Storage.Sqlite;
using Fillmore.Venues.Remote;
using Fillmore.Venues.Simulated;
using Fillmore.Venues.Throttled;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

public static class FillmoreServices
{
    /// <summary>The environment variables the README documents, mapped onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["FILLMORE_DB"] = "Fillmore:Store:SqlitePath",
        ["FILLMORE_STORE"] = "Fillmore:Store:Provider",
        ["FILLMORE_POSTGRES"] = "Fillmore:Store:PostgresConnectionString",
        ["FILLMORE_NODE_ID"] = "Fillmore:Store:NodeId",
        ["FILLMORE_REDIS"] = "Fillmore:Cluster:Redis",
        ["FILLMORE_VENUE_URL"] = "Fillmore:Venue:Url",
        ["EXCHANGE_API_KEY"] = "Fillmore:Venue:ApiKey",
        ["EXCHANGE_API_RATE_LIMIT"] = "Fillmore:VenueRateLimit:RequestsPerSecond",
        ["FILLMORE_VENUE_CA"] = "Fillmore:Venue:CaCertificate",
        ["ORDER_EXECUTION_V2_ENABLED"] = "Fillmore:ExecutionV2",
        ["FILLMORE_SIM_SEED"] = "Fillmore:SimulatedVenue:Seed",
        ["ORDER_RATE_LIMIT_PER_MINUTE"] = "Fillmore:RateLimit:OrdersPerMinute",
        ["EXCHANGE_TIME_ZONE"] = "Fillmore:Risk:ExchangeTimeZone",
        ["ORDER_STATUS_UPDATE_TIMEOUT"] = "Fillmore:Stream:StatusUpdateTimeoutSeconds",
        ["ORDER_RETRY_MAX_ATTEMPTS"] = "Fillmore:Execution:RetryMaxAttempts",
        ["ORDER_TIMEOUT_SECONDS"] = "Fillmore:Execution:OrderTimeoutSeconds",
        ["FILLMORE_VENUE_FIX"] = "Fillmore:Venues:FIX",
        ["FILLMORE_MARKET_DATA"] = "Fillmore:MarketData:Source",
        ["FILLMORE_REFERENCE_PRICES"] = "Fillmore:MarketData:Path",
        ["FILLMORE_AUDIT_CHECKPOINT_KEY"] = "Fillmore:Audit:CheckpointKeyFile",
        ["FILLMORE_AUDIT_CHECKPOINT_INTERVAL"] = "Fillmore:Audit:CheckpointInterval",
        ["FILLMORE_AUDIT_PARTITIONS"] = "Fillmore:Audit:Partitions",
        ["FILLMORE_TLS_CERT"] = TlsSetup.CertificatePath,
        ["FILLMORE_TLS_KEY"] = "Kestrel:Certificates:Default:KeyPath",
        ["FILLMORE_TLS_MIN_VERSION"] = "Fillmore:Tls:MinimumVersion",
        ["FILLMORE_MASTER_KEY_FILE"] = "Fillmore:Encryption:MasterKeyFile",
        ["FILLMORE_PREVIOUS_MASTER_KEY_FILE"] = "Fillmore:Encryption:PreviousMasterKeyFile",
    };

    // Files named by these are read relative to where the command runs, not to the binary's folder (the content root).
    private static readonly HashSet<string> PathVariables =
        ["FILLMORE_TLS_CERT", "FILLMORE_TLS_KEY", "FILLMORE_VENUE_CA", "FILLMORE_MASTER_KEY_FILE",
            "FILLMORE_PREVIOUS_MASTER_KEY_FILE"];

    public static void AddFillmoreEnvironmentVariables(this ConfigurationManager configuration)
    {
        var mapped = EnvironmentVariables
            .Select(kv => (Key: kv.Value, Value: Environment.GetEnvironmentVariable(kv.Key) is { Length: > 0 } v
                && PathVariables.Contains(kv.Key) ? Path.GetFullPath(v) : Environment.GetEnvironmentVariable(kv.Key)))
            .Where(kv => !string.IsNullOrEmpty(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        if (mapped.Count > 0) configuration.AddInMemoryCollection(mapped);
    }

    public static IServiceCollection AddFillmore(this IServiceCollection services, IConfiguration configuration)
    {
        var fillmore = configuration.GetSection("Fillmore");
        // The audit partition count is the audit's setting (Fillmore:Audit:Partitions); the store applies it.
        services.AddOptions<StoreOptions>().Bind(fillmore.GetSection("Store"))
            .PostConfigure(o =>
            {
                o.NodeId ??= $"{Environment.MachineName}-{Environment.ProcessId}";
                if (fillmore.GetValue<int?>("Audit:Partitions") is { } partitions) o.AuditPartitions = partitions;
            });
        var cluster = fillmore.GetSection("Cluster").Get<ClusterOptions>() ?? new ClusterOptions();
        services.AddSingleton(cluster);
        services.AddOptions<SimulatedVenueOptions>().Bind(fillmore.GetSection("SimulatedVenue"));
        services.AddOptions<ExecutionOptions>().Bind(fillmore.GetSection("Execution"))
            .Validate(o => o.RetryMaxAttempts is >= 0 and <= 10 && o.SendConcurrency > 0,
                "ORDER_RETRY_MAX_ATTEMPTS must be 0 to 10.")
            .Validate(o =>
                o.OrderTimeoutSeconds is null or (>= 1 and <= Fillmore.Core.Risk.ControlRules.MaxWaitSeconds),
                "ORDER_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 2592000 (30 days).")
            .ValidateOnStart();
        services.AddOptions<RiskOptions>().Bind(fillmore.GetSection("Risk"))
            .Validate(o => CalendarProblem(o) is null,
                "EXCHANGE_TIME_ZONE, Fillmore:Risk:SessionClose (HH:mm) or Fillmore:Risk:Holidays (yyyy-MM-dd) "
                    + "is not valid.")
            .ValidateOnStart();
        services.AddOptions<StreamOptions>().Bind(fillmore.GetSection("Stream"))
            .Validate(o => o.BufferSize > 0 && o.HeartbeatInterval > TimeSpan.Zero && o.StatusUpdateTimeoutSeconds >= 0,
                "Fillmore:Stream settings must be positive.")
            .ValidateOnStart();
        services.AddSingleton<StreamMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StreamMetrics.MeterName)
            .AddMeter(Fillmore.Venues.Fix.FixMetrics.MeterName)
            // ASP.NET Core's own: http_server_request_duration_seconds by route and status (request rate, errors).
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddView(StreamMetrics.CommitToSend,
                new ExplicitBucketHistogramConfiguration { Boundaries = StreamMetrics.LatencyBuckets })
            .AddView(EngineMetrics.VenueRoundTrip,
                new ExplicitBucketHistogramConfiguration { Boundaries = StreamMetrics.LatencyBuckets })
            .AddPrometheusExporter());
        services.AddOptions<DefaultLimitsOptions>().Bind(fillmore.GetSection("Risk:DefaultLimits"));
        services.AddOptions<AccountSeedOptions>().Bind(fillmore.GetSection("Accounts"));
        services.AddOptions<RateLimitOptions>().Bind(fillmore.GetSection("RateLimit"))
            .Validate(o => o.OrdersPerMinute > 0, "Fillmore:RateLimit:OrdersPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(fillmore.GetSection("Auth")).ValidateDataAnnotations()
            .Validate(o => o.Jwt.Problem() is null, "Fillmore:Auth:Jwt: signing keys need a kid each and 32+ bytes.")
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || DemoCredentials.Problem(o) is null,
                "The demo API keys and JWT signing key are for Development only: "
                    + "remove them from the configuration (docs/security.md, Keys).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        services.AddSingleton<EventHub>();
        if (string.IsNullOrWhiteSpace(cluster.Redis))
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventHub>());
        else AddRedis(services, cluster);
        // FILLMORE_VENUE_FIX
        if (FixVenueServices.Configured(fillmore)) services.AddFixVenue(fillmore, configuration);
        else if (string.IsNullOrWhiteSpace(fillmore["Venue:Url"])) AddSimulatedVenue(services);
        else AddRemoteVenue(services, fillmore.GetSection("Venue"));
        ThrottleVenue(services, fillmore["VenueRateLimit:RequestsPerSecond"]);
        services.AddVenueSet(fillmore, clustered: !string.IsNullOrWhiteSpace(cluster.Redis));
        services.AddSingleton<IOrderStore>(OpenStore);
        services.AddSingleton<IWorkLeases>(sp =>
            sp.GetRequiredService<IOrderStore>() as IWorkLeases
                ?? new SingleNodeLeases(sp.GetRequiredService<IOrderStore>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ExecutionOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RiskOptions>>().Value);
        services.AddSingleton(sp => CalendarOf(sp.GetRequiredService<RiskOptions>()));
        services.AddSingleton<TradingControls>();
        services.AddSingleton<LedgerBook>();
        services.AddSingleton<PreTradePipeline>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<TraderLocks>();
        services.AddSingleton<OrderMutator>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<ExecutionCoordinator>();
        services.AddSingleton<OrderService>();
        services.AddSingleton(sp => new GhostKeeper(sp.GetRequiredService<VenueSet>(),
            sp.GetRequiredService<IOrderStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GhostKeeper>>()));
        var configuredFlag = ParseFlag(fillmore["ExecutionV2"]);
        services.AddSingleton(sp => new ControlService(sp.GetRequiredService<IOrderStore>(),
            sp.GetRequiredService<TradingControls>(), sp.GetRequiredService<LedgerBook>(),
            sp.GetRequiredService<TimeProvider>(), configuredFlag, sp.GetRequiredService<VenueSet>().Names.ToList()));
        services.AddSingleton<ISendGuard>(sp => sp.GetRequiredService<ControlService>());
        services.AddSingleton<IExecutionPathSelector>(sp => sp.GetRequiredService<ControlService>());
        services.AddSingleton<KillSwitch>();
        services.AddSingleton<Observability.VenueMetrics>();
        services.AddSingleton<StartupState>();
        services.AddOptions<HealthOptions>().Bind(fillmore.GetSection("Health"))
            .Validate(o => o.ProbeInterval > TimeSpan.Zero && o.WriteStuckAfter > TimeSpan.Zero,
                "Fillmore:Health:ProbeInterval and WriteStuckAfter must be positive.")
            .ValidateOnStart();
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<HealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        services.AddHostedService<EngineHostedService>();
        services.AddHostedService<ControlsRefresher>();
        services.AddAuditCheckpoints(fillmore.GetSection("Audit"));
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<IOrderStore>() as IApiKeyStore
            ?? throw new InvalidOperationException("The store keeps no API keys."));
        services.AddOptions<EncryptionOptions>().Bind(fillmore.GetSection("Encryption"));
        services.AddSingleton<IDataKeyStore>(sp => sp.GetRequiredService<IOrderStore>() as IDataKeyStore
            ?? throw new InvalidOperationException("The store keeps no data keys."));
        services.AddSingleton<FieldCipher>();
        services.AddSingleton(OpenDataKeys);
        services.AddSingleton<EncryptionService>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<FailedAuthThrottle>();
        services.AddHostedService<ApiKeyRefresher>();
        services.AddFillmoreAuth(fillmore.GetSection("Auth"));
        return services;
    }

    // The quick start's paper exchange, inside this process (one node only: its book is in memory).
    private static void AddSimulatedVenue(IServiceCollection services)
    {
        services.AddSingleton(sp =>
            new SimulatedVenue(sp.GetRequiredService<IOptions<SimulatedVenueOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IVenue>(sp => sp.GetRequiredService<SimulatedVenue>());
        services.AddSingleton<IMarketData>(sp => sp.GetRequiredService<SimulatedVenue>());
    }

    // A venue across the network (the paper exchange as its own process, src/Fillmore.Exchange):
    // what several nodes must share, so that one node can take over another's orders.
    private static void AddRemoteVenue(IServiceCollection services, IConfiguration venue)
    {
        services.AddOptions<RemoteVenueOptions>().Bind(venue)
            .Validate(o => o.Problem() is null,
                "FILLMORE_VENUE_URL must be the exchange's http address, e.g. http://127.0.0.1:5070.")
            .ValidateOnStart();
        services.AddSingleton(sp => new RemoteVenue(sp.GetRequiredService<IOptions<RemoteVenueOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IVenue>(sp => sp.GetRequiredService<RemoteVenue>());
        services.AddSingleton<IMarketData>(sp => sp.GetRequiredService<RemoteVenue>());
    }

    // EXCHANGE_API_RATE_LIMIT: every request to the venue, whichever kind it is, waits for its slot (ThrottledVenue).
    // Unset: no limit, and the venue is used as built.
    private static void ThrottleVenue(IServiceCollection services, string? perSecond)
    {
        if (string.IsNullOrWhiteSpace(perSecond)) return;
        if (!double.TryParse(perSecond, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || rate > 1_000_000)
            throw new OptionsValidationException("EXCHANGE_API_RATE_LIMIT", typeof(double),
                [$"EXCHANGE_API_RATE_LIMIT='{perSecond}' is not valid: use requests per second above 0, e.g. 10 or "
                    + "0.5 (one every 2 s); leave it unset for no limit."]);
        var built = services.Last(d => d.ServiceType == typeof(IVenue));
        services.Remove(built);
        services.AddSingleton<IVenue>(sp => new ThrottledVenue(
            (IVenue)(built.ImplementationInstance ?? built.ImplementationFactory!(sp)),
            new RequestPacer(rate, burst: 1, sp.GetRequiredService<TimeProvider>())));
    }

    // Redis is connected lazily and reconnects by itself: a node starts (and serves its own
    // clients) while Redis is down; other nodes' events then reach its clients from the store.
    private static void AddRedis(IServiceCollection services, ClusterOptions cluster)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var config = ConfigurationOptions.Parse(cluster.Redis!);
            config.AbortOnConnectFail = false;
            config.ClientName = "fillmore";
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton(sp => new RedisEventRelay(sp.GetRequiredService<EventHub>(),
            new Lazy<LedgerBook>(sp.GetRequiredService<LedgerBook>), sp.GetRequiredService<IConnectionMultiplexer>(),
            cluster, sp.GetRequiredService<IOptions<StoreOptions>>().Value.NodeId!,
            sp.GetRequiredService<ILogger<RedisEventRelay>>()));
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<RedisEventRelay>());
        // before the engine: subscribed before recovery
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventRelay>());
    }

    // A JWT is three base64url parts; API keys never contain dots.
    private static bool IsJwt(string? token) => token is not null && token.Count(c => c == '.') == 2;

    private static ExecutionFlag ParseFlag(string? value) =>
        value is null ? ExecutionFlag.On
        : ExecutionFlag.TryParse(value, out var flag) ? flag
        : throw new OptionsValidationException("ORDER_EXECUTION_V2_ENABLED", typeof(ExecutionFlag),
            [$"ORDER_EXECUTION_V2_ENABLED='{value}' is not valid: use on, off, or a percentage such as 25%."]);

    private static string? CalendarProblem(RiskOptions risk)
    {
        try
        {
            CalendarOf(risk);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return ex.Message;
        }
    }

    private static TradingCalendar CalendarOf(RiskOptions risk)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new TradingCalendar(TimeZoneInfo.FindSystemTimeZoneById(risk.ExchangeTimeZone),
            TimeOnly.ParseExact(risk.SessionClose, "HH:mm", culture),
            risk.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", culture)));
    }

    // Opening applies migrations; it happens once, when the host first asks for the store.
    private static IOrderStore OpenStore(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
        var publisher = new Observability.CountingEventPublisher(sp.GetRequiredService<IEventPublisher>());
        var time = sp.GetRequiredService<TimeProvider>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Fillmore.Storage");
        if (string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrWhiteSpace(sp.GetRequiredService<ClusterOptions>().Redis))
                throw StoreProblem("FILLMORE_REDIS is set, but several nodes need a shared store: "
                    + "SQLite is one process's file. Set FILLMORE_STORE=postgres, or unset FILLMORE_REDIS.");
            return SqliteOrderStore.OpenAsync(options, publisher, time, log).GetAwaiter().GetResult();
        }
        if (!string.Equals(options.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
            throw StoreProblem($"Unknown store provider '{options.Provider}'; use sqlite or postgres.");
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            throw StoreProblem("FILLMORE_STORE=postgres needs FILLMORE_POSTGRES, e.g. "
                + "\"Host=127.0.0.1;Port=5432;Database=fillmore;Username=fillmore;Password=...\".");
        return PostgresOrderStore.OpenAsync(options, publisher, time, log).GetAwaiter().GetResult();
    }

    // The master key is read and the data keys opened when the host first needs them (before it listens): a missing
    // or wrong key stops the start with its reason.
    private static DataKeyRing OpenDataKeys(IServiceProvider sp)
    {
        var (master, previous) = MasterKeySource.Load(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Fillmore.Security"));
        return DataKeyRing.OpenAsync(sp.GetRequiredService<FieldCipher>(), sp.GetRequiredService<IDataKeyStore>(),
            sp.GetRequiredService<IOrderStore>(), master, previous, sp.GetRequiredService<TimeProvider>(),
            CancellationToken.None).GetAwaiter().GetResult();
    }

    // Signed checkpoints of the audit chain's head (AuditCheckpointWriter); the key is loaded, or created, when the
    // host starts, so a configured key that cannot be used stops the service there.
    private static void AddAuditCheckpoints(this IServiceCollection services, IConfiguration audit)
    {
        services.AddOptions<AuditCheckpointOptions>().Bind(audit)
            .Validate(o => o.CheckpointInterval >= TimeSpan.Zero,
                "FILLMORE_AUDIT_CHECKPOINT_INTERVAL must be a time span such as 00:00:01 (zero: no checkpoints).")
            .ValidateOnStart();
        services.AddSingleton(sp => AuditCheckpointKey.Load(sp.GetRequiredService<IOptions<AuditCheckpointOptions>>()
                .Value, sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Fillmore.Audit")));
        services.AddSingleton<AuditCheckpointWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointWriter>());
    }

    private static OptionsValidationException StoreProblem(string message) =>
        new("FILLMORE_STORE", typeof(StoreOptions), [message]);

    // The keys a token with <paramref name="kid"/> may be signed with, as the configuration says now.
    private static IEnumerable<SecurityKey> SigningKeys(IConfiguration auth, string? kid)
    {
        var jwt = auth.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        if (string.IsNullOrEmpty(kid))
            return string.IsNullOrEmpty(jwt.SigningKey) ? []
                : [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey))];
        return jwt.SigningKeys.Where(k => string.Equals(k.Kid, kid, StringComparison.Ordinal))
            .Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k.Key)) { KeyId = k.Kid }).ToList();
    }

    private static void AddFillmoreAuth(this IServiceCollection services, IConfiguration auth)
    {
        const string Selector = "Fillmore";
        var jwt = auth.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        var builder = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ",
                    StringComparison.OrdinalIgnoreCase) == true
                    || IsJwt(context.Request.Query["access_token"].FirstOrDefault())
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                null);
        builder.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                ValidateIssuerSigningKey = true,
                // Read on every token: without a configured key no token can validate (JWT is effectively off).
                IssuerSigningKeyResolver = (_, _, kid, _) => SigningKeys(auth, kid),
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
            o.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on a WebSocket: they pass the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token)
                        && IsJwt(context.Request.Query["access_token"].FirstOrDefault()))
                        context.Token = context.Request.Query["access_token"];
                    return Task.CompletedTask;
                },
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<FailedAuthThrottle>()
                        .RecordFailure(FailedAuthThrottle.AddressOf(context.HttpContext), null);
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Errors.Problems.WriteAsync(context.HttpContext, AuthProblems.Unauthorized);
                },
                OnForbidden = context => Errors.Problems.WriteAsync(context.HttpContext, AuthProblems.Forbidden),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Trader, p => p.RequireRole(Roles.Trader))
            .AddPolicy(Policies.Compliance, p => p.RequireRole(Roles.Compliance, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
    }
}
