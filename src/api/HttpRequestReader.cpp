#include "HttpRequestReader.h"

#include <algorithm>

namespace ss::api {

namespace {

constexpr QByteArrayView kHeadEnd = "\r\n\r\n";

// RFC 9110's token: the characters a method or a header name may hold.
bool isToken(QByteArrayView s)
{
    static constexpr QByteArrayView kSymbols = "!#$%&'*+-.^_`|~";
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kSymbols.contains(c);
    });
}

bool isFieldValue(QByteArrayView s)
{
    return std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7F);
    });
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpRequestReader::State HttpRequestReader::refuse(int status, QString reason)
{
    refusal_ = {status, std::move(reason)};
    return state_ = State::Refused;
}

HttpRequestReader::State HttpRequestReader::feed(QByteArrayView bytes)
{
    if (state_ == State::Body)
        return takeBody(bytes);
    if (state_ != State::Head)
        return state_;
    // Only what may still belong to the head is kept: the search for its
    // end starts where the previous bytes could have begun it.
    const qsizetype searchFrom = std::max<qsizetype>(0, head_.size() - (kHeadEnd.size() - 1));
    const qsizetype room = kMaxHeadBytes - head_.size();
    head_.append(bytes.first(std::min(bytes.size(), room)));
    const qsizetype end = head_.indexOf(kHeadEnd, searchFrom);
    if (end < 0) {
        if (head_.size() >= kMaxHeadBytes)
            return refuse(HttpStatus::HeaderFieldsTooLarge, QStringLiteral("the request's head is over %1 bytes").arg(kMaxHeadBytes));
        return state_;
    }
    const qsizetype consumed = end + kHeadEnd.size() - (head_.size() - std::min(bytes.size(), room));
    if (parseHead(QByteArrayView(head_).first(end)) == State::Refused)
        return state_;
    head_.clear();
    return takeBody(bytes.sliced(consumed));
}

HttpRequestReader::State HttpRequestReader::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    QList<QByteArray> requestLine = lines.front().chopped(lines.front().endsWith('\r') ? 1 : 0).split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/')
        || (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0"))
        return refuse(HttpStatus::BadRequest, QStringLiteral("the request line is not METHOD /PATH HTTP/1.x"));
    request_.method = requestLine[0];
    // Path and query set apart: a target such as //host/path is a path
    // here, never a URL with an authority.
    const QByteArray& target = requestLine[1];
    const qsizetype question = target.indexOf('?');
    request_.url.setPath(QString::fromLatin1(question < 0 ? target : target.first(question)), QUrl::StrictMode);
    if (question >= 0)
        request_.url.setQuery(QString::fromLatin1(target.sliced(question + 1)), QUrl::StrictMode);
    if (!request_.url.isValid() || !request_.url.path().startsWith(QLatin1Char('/')))
        return refuse(HttpStatus::BadRequest, QStringLiteral("the request's path is not a valid URL path"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArrayView line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)) || !isFieldValue(line.sliced(colon + 1)))
            return refuse(HttpStatus::BadRequest, QStringLiteral("header line %1 is not NAME: VALUE").arg(i));
        request_.headers.append({line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    headRead_ = true;
    if (!request_.header("Transfer-Encoding").isEmpty())
        return refuse(HttpStatus::LengthRequired, QStringLiteral("a body must come with a Content-Length, not a Transfer-Encoding"));
    const QByteArray length = request_.header("Content-Length");
    bool ok = true;
    const qint64 declared = length.isEmpty() ? 0 : length.toLongLong(&ok);
    if (!ok || declared < 0 || !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return refuse(HttpStatus::BadRequest, QStringLiteral("Content-Length is not a number of bytes"));
    if (declared > kMaxBodyBytes)
        return refuse(HttpStatus::ContentTooLarge, QStringLiteral("the body is over %1 bytes").arg(kMaxBodyBytes));
    bodyLength_ = static_cast<qsizetype>(declared);
    request_.body.reserve(bodyLength_);
    return state_ = State::Body;
}

HttpRequestReader::State HttpRequestReader::takeBody(QByteArrayView bytes)
{
    request_.body.append(bytes.first(std::min(bytes.size(), bodyLength_ - request_.body.size())));
    if (request_.body.size() == bodyLength_)
        state_ = State::Complete;
    return state_;
}

} // namespace ss::api
