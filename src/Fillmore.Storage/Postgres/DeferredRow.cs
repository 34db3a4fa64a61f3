// One row write PostgresBatchSession holds until its batch's commit (FlushRows): the statement with its
// values, and how its answer is checked there.
namespace Fillmore.Storage.Postgres;

using Npgsql;

internal sealed record DeferredRow(NpgsqlBatchCommand Command, RowCheck Check);
