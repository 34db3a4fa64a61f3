// Every code Fillmore answers or records, in one place: problem codes of the HTTP API, risk-rule
// codes, the transition table's refusals, and the error codes on orders and audit entries. They
// read as sentences and are stable forever (bots and compliance switch on them); every one is
// explained in docs/errors.md, which a test keeps complete (StyleTests).
namespace Fillmore.Core;

public static class ReasonCodes
{
    // Order fields (400, one per field problem)
    public const string SymbolRequired = "SYMBOL_REQUIRED";
    public const string SymbolInvalid = "SYMBOL_INVALID";
    public const string SideRequired = "SIDE_REQUIRED";
    public const string SideInvalid = "SIDE_INVALID";
    public const string OrderTypeRequired = "ORDER_TYPE_REQUIRED";
    public const string OrderTypeInvalid = "ORDER_TYPE_INVALID";
    public const string TimeInForceInvalid = "TIME_IN_FORCE_INVALID";
    public const string QuantityRequired = "QUANTITY_REQUIRED";
    public const string QuantityNotPositive = "QUANTITY_NOT_POSITIVE";
    public const string QuantityNotWhole = "QUANTITY_NOT_WHOLE";
    public const string QuantityTooLarge = "QUANTITY_TOO_LARGE";
    public const string PriceRequired = "PRICE_REQUIRED";
    public const string PriceNotAllowed = "PRICE_NOT_ALLOWED";
    public const string StopPriceRequired = "STOP_PRICE_REQUIRED";
    public const string StopPriceNotAllowed = "STOP_PRICE_NOT_ALLOWED";
    public const string PriceNotPositive = "PRICE_NOT_POSITIVE";
    public const string StopPriceNotPositive = "STOP_PRICE_NOT_POSITIVE";
    public const string StopLossNotPositive = "STOP_LOSS_NOT_POSITIVE";
    public const string TakeProfitNotPositive = "TAKE_PROFIT_NOT_POSITIVE";
    public const string PriceNotOnTick = "PRICE_NOT_ON_TICK";
    public const string PriceTooLarge = "PRICE_TOO_LARGE";
    public const string StopLossWrongSide = "STOP_LOSS_WRONG_SIDE";
    public const string TakeProfitWrongSide = "TAKE_PROFIT_WRONG_SIDE";
    public const string ClientOrderIdInvalid = "CLIENT_ORDER_ID_INVALID";

    // Requests (400, 404, 405, 409, 413, 415, 429, 500, 503)
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string MalformedJson = "MALFORMED_JSON";
    public const string FieldTypeInvalid = "FIELD_TYPE_INVALID";
    public const string BodyRequired = "BODY_REQUIRED";
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string DuplicateField = "DUPLICATE_FIELD";
    public const string FieldRequired = "FIELD_REQUIRED";
    public const string IdempotencyKeyMismatch = "IDEMPOTENCY_KEY_MISMATCH";
    public const string ClientOrderIdReused = "CLIENT_ORDER_ID_REUSED";
    public const string OrderIdInvalid = "ORDER_ID_INVALID";
    public const string OrderNotFound = "ORDER_NOT_FOUND";
    public const string StatusInvalid = "STATUS_INVALID";
    public const string LimitOutOfRange = "LIMIT_OUT_OF_RANGE";
    public const string OffsetOutOfRange = "OFFSET_OUT_OF_RANGE";
    public const string ValueNegative = "VALUE_NEGATIVE";
    public const string FlagValueInvalid = "FLAG_VALUE_INVALID";
    public const string FromInvalid = "FROM_INVALID";
    public const string ToInvalid = "TO_INVALID";
    public const string FromRequired = "FROM_REQUIRED";
    public const string ToRequired = "TO_REQUIRED";
    public const string RangeInvalid = "RANGE_INVALID";
    public const string TraderIdInvalid = "TRADER_ID_INVALID";
    public const string TraderIdRequired = "TRADER_ID_REQUIRED";
    public const string ActionInvalid = "ACTION_INVALID";
    public const string CursorInvalid = "CURSOR_INVALID";
    public const string FormatInvalid = "FORMAT_INVALID";
    public const string SinceInvalid = "SINCE_INVALID";
    public const string PollParametersInvalid = "POLL_PARAMETERS_INVALID";
    public const string ReportTooLarge = "REPORT_TOO_LARGE";
    public const string RouteNotFound = "ROUTE_NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string WebsocketRequired = "WEBSOCKET_REQUIRED";
    public const string RateLimited = "RATE_LIMITED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string NotReady = "NOT_READY";
    public const string ServerShuttingDown = "SERVER_SHUTTING_DOWN";
    public const string VenueUnavailable = "VENUE_UNAVAILABLE";
    public const string ClientTooSlow = "CLIENT_TOO_SLOW";
    public const string InvalidStatusFilter = "INVALID_STATUS_FILTER";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    // What the transition table refuses (409 from the API, an anomaly from a venue)
    public const string OrderNotCancellable = "ORDER_NOT_CANCELLABLE";
    public const string OrderNotFailed = "ORDER_NOT_FAILED";
    public const string OrderAcknowledged = "ORDER_ACKNOWLEDGED";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string Overfill = "OVERFILL";

    // Ghost orders under review (admin routes) and the dependencies health reports on
    public const string GhostNotFound = "GHOST_NOT_FOUND";
    public const string GhostIdInvalid = "GHOST_ID_INVALID";
    public const string GhostClosed = "GHOST_CLOSED";
    public const string GhostCancelRejected = "GHOST_CANCEL_REJECTED";
    public const string GhostStateInvalid = "GHOST_STATE_INVALID";
    public const string ReasonRequired = "REASON_REQUIRED";
    public const string ReasonTooLong = "REASON_TOO_LONG";
    public const string StoreUnwritable = "STORE_UNWRITABLE";
    public const string NoVenueReachable = "NO_VENUE_REACHABLE";

    // Risk rules (422)
    public const string AccountNotFound = "ACCOUNT_NOT_FOUND";
    public const string LimitsNotConfigured = "LIMITS_NOT_CONFIGURED";
    public const string UnknownSymbol = "UNKNOWN_SYMBOL";
    public const string SymbolHalted = "SYMBOL_HALTED";
    public const string SymbolDelisted = "SYMBOL_DELISTED";
    public const string SymbolNotTradable = "SYMBOL_NOT_TRADABLE";
    public const string NoQuoteAvailable = "NO_QUOTE_AVAILABLE";
    public const string PriceOutOfBand = "PRICE_OUT_OF_BAND";
    public const string TradingHalted = "TRADING_HALTED";
    public const string AccountHalted = "ACCOUNT_HALTED";
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string PositionLimitExceeded = "POSITION_LIMIT_EXCEEDED";
    public const string PositionNotionalLimitExceeded = "POSITION_NOTIONAL_LIMIT_EXCEEDED";
    public const string InsufficientPosition = "INSUFFICIENT_POSITION";
    public const string DailyLossLimitReached = "DAILY_LOSS_LIMIT_REACHED";
    public const string OrderNotionalLimitExceeded = "ORDER_NOTIONAL_LIMIT_EXCEEDED";
    public const string MaxOpenOrdersReached = "MAX_OPEN_ORDERS_REACHED";

    // Execution: on orders and audit entries, not HTTP answers
    public const string RequestLost = "REQUEST_LOST";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string StatusUnknown = "STATUS_UNKNOWN";
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";
    public const string QueryFailed = "QUERY_FAILED";
    public const string SendNotRecorded = "SEND_NOT_RECORDED";
    public const string VenueNeverReceived = "VENUE_NEVER_RECEIVED";
    public const string VenueLostOrder = "VENUE_LOST_ORDER";
    public const string VenueMayHaveLostOrder = "VENUE_MAY_HAVE_LOST_ORDER";
    public const string GhostOrder = "GHOST_ORDER";
    public const string VenueTimeout = "VENUE_TIMEOUT";
    public const string ConnectionLost = "CONNECTION_LOST";
    public const string MalformedResponse = "MALFORMED_RESPONSE";
    public const string VenueUnreachable = "VENUE_UNREACHABLE";
    public const string VenueAdapterError = "VENUE_ADAPTER_ERROR";
    public const string VenueProtocolMismatch = "VENUE_PROTOCOL_MISMATCH";
    public const string DuplicateClientOrderId = "DUPLICATE_CLIENT_ORDER_ID";
    public const string Throttled = "THROTTLED";

    // The paper exchange's own answers (venue codes Fillmore passes on)
    public const string InvalidOrder = "INVALID_ORDER";
    public const string InvalidPrice = "INVALID_PRICE";
    public const string UnknownOrder = "UNKNOWN_ORDER";
    public const string TooLateToCancel = "TOO_LATE_TO_CANCEL";
    public const string Unauthorized = "UNAUTHORIZED";

    // Any other HTTP status as HTTP_<status>: a framework answer with no code of its own
    // (StatusProblems), or a venue's error answer without a code (e.g. the paper exchange's 503)
    public static string HttpStatus(int status) => $"HTTP_{status}";

    // Order types, classes, time in force, amend, emulation (issue 15)
    public const string OrderNotAmendable = "ORDER_NOT_AMENDABLE";
    /// <summary>A replace already waits for the venue's answer: a second one could be applied as the first.</summary>
    public const string AmendPending = "AMEND_PENDING";
    public const string FieldNotAmendable = "FIELD_NOT_AMENDABLE";
    public const string AmendEmpty = "AMEND_EMPTY";
    public const string AmendQuantityBelowFilled = "AMEND_QUANTITY_BELOW_FILLED";
    public const string AmendNotSupported = "AMEND_NOT_SUPPORTED";
    public const string OrderClassInvalid = "ORDER_CLASS_INVALID";
    public const string BracketExitsRequired = "BRACKET_EXITS_REQUIRED";
    public const string OtoExitRequired = "OTO_EXIT_REQUIRED";
    public const string OcoLegsRequired = "OCO_LEGS_REQUIRED";
    public const string OcoLegsSameSide = "OCO_LEGS_SAME_SIDE";
    public const string OcoOrderTypeInvalid = "OCO_ORDER_TYPE_INVALID";
    public const string ExitsNotAllowed = "EXITS_NOT_ALLOWED";
    public const string StopLossLimitWithoutStopLoss = "STOP_LOSS_LIMIT_WITHOUT_STOP_LOSS";
    public const string StopLossLimitWrongSide = "STOP_LOSS_LIMIT_WRONG_SIDE";
    public const string TrailRequired = "TRAIL_REQUIRED";
    public const string TrailConflict = "TRAIL_CONFLICT";
    public const string TrailNotAllowed = "TRAIL_NOT_ALLOWED";
    public const string TrailPriceNotPositive = "TRAIL_PRICE_NOT_POSITIVE";
    public const string TrailPercentOutOfRange = "TRAIL_PERCENT_OUT_OF_RANGE";
    public const string ExpireAtRequired = "EXPIRE_AT_REQUIRED";
    public const string ExpireAtNotAllowed = "EXPIRE_AT_NOT_ALLOWED";
    public const string ExpireAtInPast = "EXPIRE_AT_IN_PAST";
    public const string ExpireAtInvalid = "EXPIRE_AT_INVALID";
    public const string TimeInForceNotAllowed = "TIME_IN_FORCE_NOT_ALLOWED";
    public const string TimeInForceNotSupported = "TIME_IN_FORCE_NOT_SUPPORTED";
    public const string OrderTypeNotSupported = "ORDER_TYPE_NOT_SUPPORTED";
    public const string PricesNotSettable = "PRICES_NOT_SETTABLE";
    public const string PriceInvalid = "PRICE_INVALID";

    // Families and emulation: on orders and audit entries
    public const string OverExecution = "OVER_EXECUTION";
    public const string EntryEnded = "ENTRY_ENDED";
    public const string SiblingExecuted = "SIBLING_EXECUTED";
    public const string ParentCancelled = "PARENT_CANCELLED";
    /// <summary>An order SMART split ended because every child order ended, short of its quantity.</summary>
    public const string ChildrenEnded = "CHILDREN_ENDED";
    public const string Expired = "EXPIRED";
    public const string RefusedAtRelease = "REFUSED_AT_RELEASE";
    public const string IocRemainder = "IOC_REMAINDER";

    // The FIX venue's answers, on orders and audit entries (docs/fix.md)
    public const string FixAlreadySent = "FIX_ALREADY_SENT";
    public const string FixRequestInFlight = "FIX_REQUEST_IN_FLIGHT";
    public const string FixSendFailed = "FIX_SEND_FAILED";
    public const string FixNotLoggedOn = "FIX_NOT_LOGGED_ON";
    public const string FixStoreFailed = "FIX_STORE_FAILED";
    public const string FixNoAnswer = "FIX_NO_ANSWER";
    public const string FixStoreUnreadable = "FIX_STORE_UNREADABLE";
    public const string FixBusinessReject = "FIX_BUSINESS_REJECT";
    public const string FixSessionReject = "FIX_SESSION_REJECT";
    public const string VenueRejected = "VENUE_REJECTED";
    public const string ReplaceRejected = "REPLACE_REJECTED";
    public const string CancelRejected = "CANCEL_REJECTED";
    public const string NotSupported = "NOT_SUPPORTED";
    public const string CancelNotSupported = "CANCEL_NOT_SUPPORTED";
    public const string ReplaceNotSupported = "REPLACE_NOT_SUPPORTED";
    public const string StatusNotSupported = "STATUS_NOT_SUPPORTED";
    public const string OrderNotSupported = "ORDER_NOT_SUPPORTED";

    // Execution controls and switches (issue 16)
    public const string VenueHalted = "VENUE_HALTED";
    public const string SlippageLimit = "SLIPPAGE_LIMIT";
    public const string Timeout = "TIMEOUT";
    public const string AdminCancel = "ADMIN_CANCEL";
    public const string MaxSlippageInvalid = "MAX_SLIPPAGE_INVALID";
    public const string MaxSlippageNotApplicable = "MAX_SLIPPAGE_NOT_APPLICABLE";
    public const string MaxSlippageAboveLimit = "MAX_SLIPPAGE_ABOVE_LIMIT";
    public const string MaxWaitInvalid = "MAX_WAIT_INVALID";
    public const string MaxWaitNotApplicable = "MAX_WAIT_NOT_APPLICABLE";
    public const string VenueNotFound = "VENUE_NOT_FOUND";
    public const string TraderNotFound = "TRADER_NOT_FOUND";

    // Several venues and the SMART router (issue 18)
    public const string UnknownVenue = "UNKNOWN_VENUE";
    public const string VenueNotAllowed = "VENUE_NOT_ALLOWED";
    public const string NoVenueAvailable = "NO_VENUE_AVAILABLE";

    // Audit checkpoints (signed heads of the chain, kept outside the database)
    public const string CheckpointSignatureInvalid = "CHECKPOINT_SIGNATURE_INVALID";
    public const string CheckpointKeyNotTrusted = "CHECKPOINT_KEY_NOT_TRUSTED";
    public const string CheckpointNotFound = "CHECKPOINT_NOT_FOUND";
    public const string CheckpointVersionUnsupported = "CHECKPOINT_VERSION_UNSUPPORTED";
    // Security (issue 20): API keys and authentication
    public const string AuthThrottled = "AUTH_THROTTLED";
    public const string ApiKeyNotFound = "API_KEY_NOT_FOUND";
    public const string ApiKeyIdInvalid = "API_KEY_ID_INVALID";
    public const string ApiKeyScopeInvalid = "API_KEY_SCOPE_INVALID";
    public const string ApiKeyExpiryInvalid = "API_KEY_EXPIRY_INVALID";
    public const string ApiKeyLabelInvalid = "API_KEY_LABEL_INVALID";
    public const string ApiKeyRevoked = "API_KEY_REVOKED";
    public const string GraceInvalid = "GRACE_INVALID";

    // Size limits and number types of requests (issue 20)
    public const string BodyTooLarge = "BODY_TOO_LARGE";
    public const string HeadersTooLarge = "HEADERS_TOO_LARGE";
    public const string QueryTooLong = "QUERY_TOO_LONG";
    public const string MessageTooLarge = "MESSAGE_TOO_LARGE";
    public const string NumberAsString = "NUMBER_AS_STRING";
}
