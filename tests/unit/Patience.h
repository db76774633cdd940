#pragma once

// How long a test waits for work on another thread before it fails. Waits
// end as soon as their condition holds, so this costs nothing when things
// go well; it is generous because sanitizer builds on a busy two-core CI
// machine run many times slower than a release build on a quiet one.
inline constexpr int kPatienceMs = 60000;
