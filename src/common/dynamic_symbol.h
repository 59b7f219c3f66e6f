// A function of a library opened with dlopen(), typed from its own header:
// the loaders of libzip (ingest/libzip_loader.cpp) and libpq
// (store/pg_libpq.cpp) fill their tables of functions with it.
#pragma once

#include <dlfcn.h>

#include <string>

namespace chiso {

// Looks `name` up in `handle` into `slot`; false (and `missing` set to the
// first name not found) if absent.
template <class Fn>
bool bind_symbol(void* handle, const char* name, Fn& slot, std::string& missing) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    if (missing.empty()) missing = name;
    return false;
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  slot = reinterpret_cast<Fn>(symbol);
  return true;
}

}  // namespace chiso
