<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="status"/>
<html>
<head>
    <title><c:out value="${msg['status.title']}"/></title>
    <meta name="pageID" content="federationgateway-status"/>
    <meta http-equiv="refresh" content="<c:out value='${model.refreshSeconds()}'/>"/>
</head>
<body>
<p><c:out value="${msg['status.intro']}"/>&#32;<c:out value="${msg['status.refresh']}"/></p>

<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%">
    <thead>
    <tr><th colspan="2"><c:out value="${msg['status.plugin.header']}"/></th></tr>
    </thead>
    <tbody>
    <tr>
        <td width="30%"><c:out value="${msg['status.plugin.version']}"/></td>
        <td><c:out value="${model.version()}"/></td>
    </tr>
    </tbody>
</table>
</div>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="parts">
    <thead>
    <tr>
        <th><c:out value="${msg['status.parts.part']}"/></th>
        <th><c:out value="${msg['status.parts.state']}"/></th>
        <th><c:out value="${msg['status.parts.cause']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.parts()}">
        <tr><td colspan="3"><c:out value="${msg['status.parts.none']}"/></td></tr>
    </c:if>
    <c:forEach var="p" items="${model.parts()}">
        <tr>
            <td><c:out value="${msg['part.'.concat(p.part())]}"/></td>
            <td><c:out value="${msg['part.state.'.concat(p.state())]}"/></td>
            <td><c:out value="${p.cause()}"/></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<c:if test="${model.clustered()}">
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="cluster-nodes">
    <thead>
    <tr><th colspan="4"><c:out value="${msg['status.cluster.header']}"/></th></tr>
    <tr>
        <th><c:out value="${msg['status.cluster.node']}"/></th>
        <th><c:out value="${msg['status.cluster.parts']}"/></th>
        <th><c:out value="${msg['status.cluster.sip']}"/></th>
        <th><c:out value="${msg['status.cluster.sessions']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:forEach var="n" items="${model.cluster().nodes}">
        <tr class="cluster-node">
            <td><c:out value="${n.name}"/><c:if test="${n.local}"> (<c:out value="${msg['status.cluster.this']}"/>)</c:if></td>
            <td><c:forEach var="p" items="${n.parts}" varStatus="st"><c:out value="${msg['part.'.concat(p.part)]}"/>: <c:out value="${msg['part.state.'.concat(p.state)]}"/><c:if test="${not st.last}"><br/></c:if></c:forEach></td>
            <td class="state-${n.sipState}"><c:out value="${msg['status.frontend.state.'.concat(n.sipState)]}"/><c:if test="${not empty n.sipTarget}"><br/><c:out value="${n.sipTarget}"/></c:if></td>
            <td><c:out value="${n.sessionCount}"/></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
</c:if>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="front-end">
    <thead>
    <tr><th colspan="2"><c:out value="${msg['status.frontend.header']}"/></th></tr>
    </thead>
    <tbody>
    <tr>
        <td width="30%"><c:out value="${msg['status.frontend.state']}"/></td>
        <td class="state-${model.frontEnd().state()}"><c:out value="${msg['status.frontend.state.'.concat(model.frontEnd().state())]}"/></td>
    </tr>
    <c:if test="${not empty model.frontEnd().target()}">
    <tr><td><c:out value="${msg['status.frontend.target']}"/></td><td><c:out value="${model.frontEnd().target()}"/></td></tr>
    </c:if>
    <c:if test="${not empty model.frontEnd().since()}">
    <tr><td><c:out value="${msg['status.frontend.since']}"/></td><td><c:out value="${model.frontEnd().since()}"/></td></tr>
    </c:if>
    <c:if test="${not empty model.frontEnd().detail()}">
    <tr><td><c:out value="${msg['status.frontend.detail']}"/></td><td><c:out value="${model.frontEnd().detail()}"/></td></tr>
    </c:if>
    </tbody>
</table>
</div>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="partner-sessions">
    <thead>
    <tr>
        <th><c:out value="${msg['status.sessions.partner']}"/></th>
        <th><c:out value="${msg['status.sessions.inbound']}"/></th>
        <th><c:out value="${msg['status.sessions.outbound']}"/></th>
        <th><c:out value="${msg['status.sessions.limit']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.partners()}">
        <tr><td colspan="4"><c:out value="${msg['status.sessions.none']}"/></td></tr>
    </c:if>
    <c:forEach var="p" items="${model.partners()}">
        <tr>
            <td><c:out value="${p.partner()}"/><c:if test="${not p.isPartner()}"> (<c:out value="${msg['status.sessions.notpartner']}"/>)</c:if></td>
            <td><c:out value="${p.inbound()}"/></td>
            <td><c:out value="${p.outbound()}"/></td>
            <td><c:choose>
                <c:when test="${p.isPartner()}"><c:out value="${p.total()}"/> / <c:out value="${p.limit()}"/><c:if test="${p.atLimit()}"> (<c:out value="${msg['status.sessions.atlimit']}"/>)</c:if></c:when>
                <c:otherwise>-</c:otherwise>
            </c:choose></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="sessions">
    <thead>
    <tr>
        <c:if test="${model.clustered()}"><th><c:out value="${msg['status.session.node']}"/></th></c:if>
        <th><c:out value="${msg['status.session.domain']}"/></th>
        <th><c:out value="${msg['status.session.direction']}"/></th>
        <th><c:out value="${msg['status.session.auth']}"/></th>
        <th><c:out value="${msg['status.session.tls']}"/></th>
        <th><c:out value="${msg['status.session.certificate']}"/></th>
        <th><c:out value="${msg['status.session.since']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:forEach var="s" items="${model.sessions()}">
        <tr>
            <c:if test="${model.clustered()}"><td><c:out value="${s.node()}"/></td></c:if>
            <td><c:out value="${s.domain()}"/></td>
            <td><c:out value="${msg['status.direction.'.concat(s.direction())]}"/></td>
            <td><c:out value="${msg['status.auth.'.concat(s.auth())]}"/></td>
            <td><c:choose>
                <c:when test="${s.encrypted()}"><c:out value="${s.tls()}"/><br/><c:out value="${s.cipher()}"/></c:when>
                <c:otherwise><c:out value="${msg['status.session.plain']}"/></c:otherwise>
            </c:choose></td>
            <td><c:if test="${not empty s.peerSubject()}"><c:out value="${s.peerSubject()}"/><br/><c:out value="${msg['status.session.expires']}"/>&#32;<c:out value="${s.peerNotAfter()}"/></c:if></td>
            <td><c:out value="${s.since()}"/></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<c:if test="${not empty model.charts()}">
<div class="jive-contentBoxHeader"><c:out value="${msg['stats.charts.header']}"/></div>
<div class="jive-contentBox" id="charts">
    <c:forEach var="ch" items="${model.charts()}">
        <div class="chart" id="chart-${ch.key()}" style="display: inline-block; margin: 0 1.5em 1em 0; vertical-align: top;">
            <div><b><c:out value="${ch.title()}"/></b></div>
            ${ch.svg()}
            <div class="chart-max"><small><c:out value="${ch.max()}"/></small></div>
        </div>
    </c:forEach>
</div>
<br/>
</c:if>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="counters">
    <thead>
    <tr>
        <th><c:out value="${msg['status.counters.partner']}"/></th>
        <th><c:out value="${msg['status.counters.event']}"/></th>
        <th><c:out value="${msg['status.counters.count']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.counters()}">
        <tr><td colspan="3"><c:out value="${msg['status.counters.none']}"/></td></tr>
    </c:if>
    <c:forEach var="k" items="${model.counters()}">
        <tr>
            <td><c:out value="${k.partner()}"/></td>
            <td><code><c:out value="${k.event()}"/></code>&#32;<c:out value="${k.label()}"/></td>
            <td><c:out value="${k.count()}"/><c:if test="${model.clustered()}"><br/><small><c:forEach var="n" items="${k.perNode()}" varStatus="st"><c:out value="${n.nodeName}"/>: <c:out value="${n.count}"/><c:if test="${not st.last}">, </c:if></c:forEach></small></c:if></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="refusals">
    <thead>
    <tr>
        <th><c:out value="${msg['status.refusals.at']}"/></th>
        <th><c:out value="${msg['status.refusals.partner']}"/></th>
        <th><c:out value="${msg['status.refusals.local']}"/></th>
        <th><c:out value="${msg['status.refusals.what']}"/></th>
        <th><c:out value="${msg['status.refusals.reason']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.refusals()}">
        <tr><td colspan="5"><c:out value="${msg['status.refusals.none']}"/></td></tr>
    </c:if>
    <c:forEach var="r" items="${model.refusals()}">
        <tr>
            <td><c:out value="${r.at()}"/></td>
            <td><c:out value="${r.partner()}"/></td>
            <td><c:out value="${r.local()}"/></td>
            <td><c:out value="${r.direction()}"/>&#32;<c:out value="${r.what()}"/><c:if test="${not r.enforced()}"> (<c:out value="${msg['status.refusals.observed']}"/>)</c:if></td>
            <td><code><c:out value="${r.reason()}"/></code>&#32;<c:out value="${r.text()}"/></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
</body>
</html>
