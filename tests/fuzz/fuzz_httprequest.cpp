// Feeds arbitrary bytes to the API's request reader, as a client's
// connection delivers them (method, target, headers, body), split where the
// input's first byte says. Besides crashes and undefined behaviour it checks
// the reader's promises: it never keeps more than its limits, it reads the
// same request however the bytes are split, and a request it completes
// holds exactly the body its Content-Length announced.

#include "FuzzCheck.h"
#include "api/HttpRequestReader.h"

#include <cstdint>

using ss::api::HttpRequestReader;
using ss::fuzz::require;

namespace {

HttpRequestReader readSplit(QByteArrayView bytes, qsizetype step)
{
    HttpRequestReader reader;
    for (qsizetype at = 0; at < bytes.size(); at += step)
        reader.feed(bytes.sliced(at, std::min(step, bytes.size() - at)));
    return reader;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype step = 1 + data[0] % 64;
    const QByteArrayView bytes(reinterpret_cast<const char*>(data) + 1, static_cast<qsizetype>(size - 1));
    const HttpRequestReader whole = readSplit(bytes, std::max<qsizetype>(1, bytes.size()));
    const HttpRequestReader split = readSplit(bytes, step);

    require(whole.state() == split.state(), "the state does not depend on how the bytes were split");
    require(whole.headRead() == split.headRead(), "the head is read however the bytes were split");
    using State = HttpRequestReader::State;
    if (whole.state() == State::Refused) {
        require(whole.refusal().status == split.refusal().status, "a refusal does not depend on the split");
        require(whole.refusal().status >= 400 && whole.refusal().status < 500, "a refusal is the client's error");
        require(!whole.refusal().reason.isEmpty(), "a refusal says why");
    }
    if (whole.headRead()) {
        const ss::api::HttpRequest& request = whole.request();
        require(request.method == split.request().method && request.url == split.request().url
                    && request.headers == split.request().headers,
                "the head reads the same however the bytes were split");
        require(request.body.size() <= HttpRequestReader::kMaxBodyBytes, "a body is never kept beyond the limit");
        require(request.body == split.request().body, "the body reads the same however the bytes were split");
        require(request.url.path().startsWith(QLatin1Char('/')), "a request's path is absolute");
        if (whole.state() == State::Complete) {
            const QByteArray length = request.header("Content-Length");
            require((length.isEmpty() ? 0 : length.toLongLong()) == request.body.size(),
                    "a complete request holds exactly the body its Content-Length announced");
        }
    }
    return 0;
}
