#pragma once
// One owner for every C library handle (SQLite, libcurl, OpenSSL, libxml2, xmlsec, libzip, stdio):
// std::unique_ptr with the library's own free function as its deleter, so that no module writes a
// deleter class of its own.
//
//   using Stmt = CHandle<sqlite3_stmt, sqlite3_finalize>;

#include <memory>

namespace missive
{

// Calls `Free` on a non-null handle (unique_ptr never calls its deleter with null). Its result,
// when it has one (sqlite3_close_v2, fclose), is not needed once the handle is given up.
template <auto Free> struct CFree
{
    template <typename T> void operator()(T* handle) const
    {
        (void)Free(handle);
    }
};

template <typename T, auto Free> using CHandle = std::unique_ptr<T, CFree<Free>>;

} // namespace missive
