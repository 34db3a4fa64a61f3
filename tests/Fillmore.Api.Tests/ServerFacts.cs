// Tests that need a real Redis or PostgreSQL server run when the test command started one
// (scripts/services exports FILLMORE_TEST_REDIS / FILLMORE_TEST_POSTGRES) and are reported as
// skipped, with the reason, when it could not: never silently passed.
namespace Fillmore.Api.Tests;

public sealed class RedisFactAttribute : FactAttribute
{
    public static string? Server => Environment.GetEnvironmentVariable("FILLMORE_TEST_REDIS");

    public RedisFactAttribute()
    {
        if (string.IsNullOrEmpty(Server)) Skip = "No Redis server: FILLMORE_TEST_REDIS is not set (scripts/test starts one; see scripts/services).";
    }
}

public sealed class ClusterFactAttribute : FactAttribute
{
    public static string? Postgres => Environment.GetEnvironmentVariable("FILLMORE_TEST_POSTGRES");

    public ClusterFactAttribute()
    {
        if (string.IsNullOrEmpty(Postgres) || string.IsNullOrEmpty(RedisFactAttribute.Server))
            Skip = "No PostgreSQL and Redis servers: FILLMORE_TEST_POSTGRES and FILLMORE_TEST_REDIS must be set (scripts/test starts both; see scripts/services).";
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(ClusterFactAttribute.Postgres))
            Skip = "No PostgreSQL server: FILLMORE_TEST_POSTGRES is not set (scripts/test starts one; see scripts/services).";
    }
}
