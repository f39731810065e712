"""A partner's XMPP user driven by a test: slixmpp (Debian's python3-slixmpp) on a real c2s connection.

Usage: slixmpp_client.py JID PASSWORD HOST PORT CAFILE CONTROL_HOST CONTROL_PORT

Every stanza received is printed as one JSON line {"event": "message"|"presence"|"iq", "xml": "..."}; "ready" once
the session has started. Commands arrive on the control socket, one JSON object per line:
  {"op": "raw", "xml": "<message .../>"}      send a stanza as written
  {"op": "presence", "show": "away", "status": "..."}   (show may be "")
  {"op": "subscribe", "to": "romeo@sip.a.test"}
  {"op": "quit"}
Subscription requests are approved (and returned) automatically.
"""
import asyncio
import json
import ssl
import sys

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath


def emit(event, **fields):
    fields["event"] = event
    print(json.dumps(fields), flush=True)


class Partner(slixmpp.ClientXMPP):
    def __init__(self, jid, password, cafile):
        super().__init__(jid, password)
        self.ssl_context = ssl.create_default_context(cafile=cafile)
        self.roster.auto_authorize = True
        self.roster.auto_subscribe = True
        self.add_event_handler("session_start", self.start)
        for name in ("message", "presence", "iq"):
            self.register_handler(Callback("w14-" + name, MatchXPath("{jabber:client}" + name),
                                           lambda stanza, name=name: emit(name, xml=str(stanza))))

    async def start(self, _):
        await self.get_roster()
        self.send_presence()
        emit("ready")


async def control(xmpp, host, port):
    async def serve(reader, writer):
        while True:
            line = await reader.readline()
            if not line:
                return
            cmd = json.loads(line)
            op = cmd.get("op")
            if op == "raw":
                xmpp.send_raw(cmd["xml"])
            elif op == "presence":
                xmpp.send_presence(pshow=cmd.get("show") or None, pstatus=cmd.get("status") or None)
            elif op == "subscribe":
                xmpp.send_presence(pto=cmd["to"], ptype="subscribe")
            elif op == "quit":
                xmpp.disconnect()
                emit("bye")
                asyncio.get_event_loop().call_later(0.5, sys.exit, 0)
            writer.write(b"ok\n")
            await writer.drain()

    await asyncio.start_server(serve, host, port)
    emit("control", host=host, port=port)


def main():
    jid, password, host, port, cafile, control_host, control_port = sys.argv[1:8]
    xmpp = Partner(jid, password, cafile)
    xmpp.connect(address=(host, int(port)), force_starttls=True)
    loop = asyncio.get_event_loop()
    loop.run_until_complete(control(xmpp, control_host, int(control_port)))
    loop.run_forever()


if __name__ == "__main__":
    main()
