#pragma once
// How a failed delivery attempt is classified, for every channel (MSSanté, DMP, postal).

namespace missive::transport
{

enum class FailureKind
{
    Transient,     // 4xx, connection, timeout, TLS, server-side fault: try again later
    Permanent,     // refused for this message or recipient: retrying as is will not help
    Configuration, // the whole channel is unusable (authentication, client certificate): stop the batch
};

} // namespace missive::transport
