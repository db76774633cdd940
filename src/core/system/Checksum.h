#pragma once

#include <cstddef>
#include <cstdint>

namespace ss {

// A fast 64-bit checksum (four independent lanes of xxHash64's round, so it
// runs at memory speed). Every lane's round is a bijection of its state, so
// any change within one 8-byte word, such as a flipped byte, always changes
// the result; it guards against damage, not against forgery.
std::uint64_t checksum64(const void* data, std::size_t size, std::uint64_t seed = 0);

} // namespace ss
