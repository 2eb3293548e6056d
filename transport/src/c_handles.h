#pragma once
// Internal: RAII owners for the C libraries' handles (libcurl, OpenSSL), defined once for every file,
// and the owner-only file read shared by client certificates and secret files.

#include "missive/core/result.h"

#include <QByteArray>
#include <QString>
#include <curl/curl.h>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace missive::transport::detail
{

template <auto Free> struct CFree
{
    template <typename T> void operator()(T* handle) const
    {
        Free(handle);
    }
};

using CurlEasy = std::unique_ptr<CURL, CFree<curl_easy_cleanup>>;
using CurlList = std::unique_ptr<curl_slist, CFree<curl_slist_free_all>>;
using CurlMime = std::unique_ptr<curl_mime, CFree<curl_mime_free>>;
using Bio = std::unique_ptr<BIO, CFree<BIO_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, CFree<PKCS12_free>>;
using X509Cert = std::unique_ptr<X509, CFree<X509_free>>;
using EvpKey = std::unique_ptr<EVP_PKEY, CFree<EVP_PKEY_free>>;

// Reads a regular file that only its owner (the user, or root) may read: opened without following
// a symlink, refused (UnsafePath, French message naming `what` and the chmod to run) when group or
// others have any access. `what` is e.g. "le certificat client".
[[nodiscard]] Result<QByteArray> readOwnerOnlyFile(const QString& path, const QString& what);

} // namespace missive::transport::detail
