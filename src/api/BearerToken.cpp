#include "BearerToken.h"

#include <QCryptographicHash>
#include <QString>

#include <algorithm>

namespace ss::api {

namespace {

QByteArray digestOf(const QByteArray& token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

} // namespace

std::optional<BearerToken> BearerToken::fromText(const QByteArray& text, QString* error)
{
    if (text.size() < kMinimumLength) {
        *error = QStringLiteral("the API token must be at least %1 characters long").arg(kMinimumLength);
        return std::nullopt;
    }
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; })) {
        *error = QStringLiteral("the API token must be printable ASCII without spaces");
        return std::nullopt;
    }
    return BearerToken(digestOf(text));
}

bool BearerToken::admits(const QByteArray& authorization) const
{
    static const QByteArray scheme = QByteArrayLiteral("Bearer ");
    if (!authorization.startsWith(scheme))
        return false;
    // Digests have one length whatever was sent, and every byte is looked
    // at: the time taken says nothing about how much of the token matched.
    const QByteArray presented = digestOf(authorization.mid(scheme.size()));
    unsigned char difference = 0;
    for (qsizetype i = 0; i < digest_.size(); ++i)
        difference |= static_cast<unsigned char>(presented[i] ^ digest_[i]);
    return difference == 0;
}

} // namespace ss::api
