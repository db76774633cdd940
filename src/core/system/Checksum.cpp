#include "Checksum.h"

#include <bit>
#include <cstring>

namespace ss {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;

std::uint64_t round(std::uint64_t acc, std::uint64_t word)
{
    return std::rotl(acc + word * kPrime2, 31) * kPrime1;
}

std::uint64_t load(const unsigned char* p)
{
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

} // namespace

std::uint64_t checksum64(const void* data, std::size_t size, std::uint64_t seed)
{
    const auto* p = static_cast<const unsigned char*>(data);
    const unsigned char* const end = p + size;
    std::uint64_t lanes[4] = {seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1};
    for (; end - p >= 32; p += 32)
        for (int i = 0; i < 4; ++i)
            lanes[i] = round(lanes[i], load(p + 8 * i));
    std::uint64_t h = std::rotl(lanes[0], 1) + std::rotl(lanes[1], 7) + std::rotl(lanes[2], 12) + std::rotl(lanes[3], 18);
    h += size;
    for (; end - p >= 8; p += 8)
        h = std::rotl(h ^ round(0, load(p)), 27) * kPrime1 + kPrime4;
    for (; p != end; ++p)
        h = std::rotl(h ^ (*p * kPrime1), 11) * kPrime3;
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    h ^= h >> 32;
    return h;
}

} // namespace ss
