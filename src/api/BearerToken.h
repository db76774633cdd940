#pragma once

#include <QByteArray>

#include <optional>

class QString;

namespace ss::api {

// The secret every request to the API must carry as
// `Authorization: Bearer TOKEN`. Only its SHA-256 digest is kept, and a
// request's token is compared by digest in constant time, so neither the
// comparison's timing nor a memory dump gives the token away.
class BearerToken {
public:
    // A token is printable ASCII without spaces (what fits in a header
    // unquoted), at least kMinimumLength characters; nullopt otherwise,
    // with *error saying why.
    static std::optional<BearerToken> fromText(const QByteArray& text, QString* error);

    // Whether an Authorization header's value presents this token.
    bool admits(const QByteArray& authorization) const;

    static constexpr int kMinimumLength = 16;

private:
    explicit BearerToken(QByteArray digest) : digest_(std::move(digest)) {}

    QByteArray digest_;
};

} // namespace ss::api
