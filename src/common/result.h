// Result<T>: the outcome of an operation a user can make fail (a bad file, a
// bad cell, a missing period). Ordinary bad input travels as a Result or a
// Finding, never as an exception; a broken invariant is an assert.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace chiso {

// What went wrong, for the caller to choose its answer: the CLI maps kinds to
// exit codes, the server to HTTP statuses (400, 404, 409, 503, 500).
enum class ErrorKind {
  bad_input,  // the user's file, argument or request is wrong (the default)
  not_found,  // a period, unit or user that is not there
  conflict,   // a write based on a stale version, a locked period, a state that forbids it
  busy,       // the database is held by another writer longer than the wait allowed, or out of reach
  limited,    // a limit the user reached (failed logins): refused until the time the message says
  internal,   // a broken store or an I/O failure: not the user's doing
};

// A message a person can act on: where (file, table, row, column), what was
// found, what was expected. `message` is Vietnamese; `message_en` its English
// text, or "" where older code wrote both languages in `message`
// ("… — …"). `detail` is optional machine-readable JSON (a conflict's
// current values) for the server to pass on.
struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::bad_input;
  std::string message_en;
  std::string detail;
  // The argument or request field at fault ("period"), "" when the fault is
  // in the input itself: a caller can point at it (exit 3, a form field).
  std::string field;

  // The text in the language asked for; `message` when there is no English.
  const std::string& text(bool english) const {
    return english && !message_en.empty() ? message_en : message;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error make_error(std::string message) {
  Error error;
  error.message = std::move(message);
  return error;
}
inline Error make_error(ErrorKind kind, std::string message_vi, std::string message_en) {
  Error error;
  error.message = std::move(message_vi);
  error.kind = kind;
  error.message_en = std::move(message_en);
  return error;
}

}  // namespace chiso
