#ifndef MAINTD_CSYSTEMD_SHIM_H
#define MAINTD_CSYSTEMD_SHIM_H

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/uio.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <malloc.h>

#endif
