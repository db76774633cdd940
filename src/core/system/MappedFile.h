#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace ss {

// A file mapped read-only into memory, for as long as the object lives.
// The file may be renamed over or removed meanwhile: the mapping keeps the
// contents it opened. (Truncated in place, it would fault: map only files
// that are replaced whole, never rewritten.)
class MappedFile {
public:
    // nullopt when the file cannot be opened or mapped, or is empty.
    static std::optional<MappedFile> open(const std::string& path);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&&) = delete;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const char* data() const { return data_; }
    std::size_t size() const { return size_; }

    // Drops the pages of [offset, offset + length) from this process's
    // memory once read (the file's page cache keeps them), so reading a
    // large file through the map does not hold all of it at once.
    void release(std::size_t offset, std::size_t length) const;

private:
    MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}

    const char* data_;
    std::size_t size_;
};

} // namespace ss
