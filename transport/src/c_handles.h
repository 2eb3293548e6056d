#pragma once
// Internal: the owners of libcurl and OpenSSL handles (missive/core/c_handle.h), named once for every file,
// and the owner-only file read shared by client certificates and secret files.

#include "missive/core/c_handle.h"
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

using CurlEasy = CHandle<CURL, curl_easy_cleanup>;
using CurlList = CHandle<curl_slist, curl_slist_free_all>;
using CurlMime = CHandle<curl_mime, curl_mime_free>;
using Bio = CHandle<BIO, BIO_free>;
using Pkcs12 = CHandle<PKCS12, PKCS12_free>;
using X509Cert = CHandle<X509, X509_free>;
using EvpKey = CHandle<EVP_PKEY, EVP_PKEY_free>;

// Reads a regular file that only its owner (the user, or root) may read: opened without following
// a symlink, refused (UnsafePath, French message naming `what` and the chmod to run) when group or
// others have any access. `what` is e.g. "le certificat client".
[[nodiscard]] Result<QByteArray> readOwnerOnlyFile(const QString& path, const QString& what);

} // namespace missive::transport::detail
