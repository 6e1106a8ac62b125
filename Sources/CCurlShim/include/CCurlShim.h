// Non-variadic entry points for libcurl's variadic calls, so Swift can call them.
#ifndef TABI_CCURLSHIM_H
#define TABI_CCURLSHIM_H
#include <curl/curl.h>

CURLcode tabi_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode tabi_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode tabi_curl_setopt_ptr(CURL *handle, CURLoption option, const void *value);
CURLcode tabi_curl_setopt_write_function(CURL *handle, curl_write_callback callback);
CURLcode tabi_curl_setopt_read_function(CURL *handle, curl_read_callback callback);
CURLcode tabi_curl_setopt_header_function(CURL *handle, curl_write_callback callback);
CURLcode tabi_curl_setopt_seek_function(CURL *handle, curl_seek_callback callback);
CURLcode tabi_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);
CURLcode tabi_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode tabi_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode tabi_curl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode tabi_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLMcode tabi_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
CURLSHcode tabi_curl_share_setopt_long(CURLSH *share, CURLSHoption option, long value);

#endif
