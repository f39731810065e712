<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="sip-settings"/>
<html>
<head>
    <title><c:out value="${msg['sipsettings.title']}"/></title>
    <meta name="pageID" content="federationgateway-sip-settings"/>
</head>
<body>
<p><c:out value="${msg['sipsettings.intro']}"/></p>

<c:if test="${model.saved()}">
    <div class="jive-success" id="saved"><c:out value="${msg['sipsettings.saved']}"/></div><br/>
</c:if>
<c:if test="${not empty model.errors()}">
    <div class="jive-error" id="errors"><c:out value="${msg['form.errors']}"/></div><br/>
</c:if>
<p id="sip-state"><c:out value="${msg['sipsettings.state']}"/>&#32;<b><c:out value="${msg['part.state.'.concat(model.sipState())]}"/></b>
    <c:if test="${not empty model.sipCause()}">:&#32;<c:out value="${model.sipCause()}"/></c:if></p>

<c:choose>
    <c:when test="${model.listenNode() == 'own'}">
        <p id="sip-node-address"><c:out value="${msg['sipsettings.node.own']}"/>&#32;<b><c:out value="${model.nodeAddress()}"/></b>
            (<c:out value="${model.nodeSetting()}"/>).&#32;<c:out value="${msg['sipsettings.node.own.note']}"/></p>
    </c:when>
    <c:when test="${model.listenNode() == 'missing'}">
        <div class="jive-error" id="sip-node-address"><c:out value="${msg['sipsettings.node.missing']}"/>&#32;<b><c:out value="${model.nodeSetting()}"/></b></div><br/>
    </c:when>
</c:choose>

<form action="sip-settings.jsp" method="post" id="sip-settings">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <c:forEach var="section" items="${['bridge', 'listen', 'tls', 'frontend', 'addresses']}">
    <div class="jive-contentBoxHeader"><c:out value="${msg['sipsettings.section.'.concat(section)]}"/></div>
    <div class="jive-contentBox">
    <table cellpadding="3" cellspacing="0" border="0">
        <c:choose>
            <c:when test="${section == 'bridge'}"><c:set var="names" value="${['enabled', 'addressing', 'componentSubdomain', 'messageType', 'errorWindow']}"/></c:when>
            <c:when test="${section == 'listen'}"><c:set var="names" value="${['listenAddress', 'listenPort', 'transports', 'tlsPort']}"/></c:when>
            <c:when test="${section == 'tls'}"><c:set var="names" value="${['tlsKeyStore', 'tlsKeyStorePassword', 'tlsTrustStore', 'tlsTrustStorePassword', 'tlsTrustedPeerNames']}"/></c:when>
            <c:when test="${section == 'frontend'}"><c:set var="names" value="${['frontEndHost', 'frontEndPort', 'frontEndTransport', 'keepAlive', 'trustedPeers']}"/></c:when>
            <c:otherwise><c:set var="names" value="${['domainMappings', 'sipHomedPatterns']}"/></c:otherwise>
        </c:choose>
        <c:forEach var="f" items="${names}">
        <tr valign="top">
            <td width="25%"><label for="${f}"><c:out value="${msg['sipsettings.field.'.concat(f)]}"/></label></td>
            <td>
            <c:choose>
                <c:when test="${f == 'enabled'}">
                    <input type="checkbox" id="enabled" name="enabled" value="true" <c:if test="${model.fields().enabled == 'true'}">checked</c:if>/>
                </c:when>
                <c:when test="${f == 'addressing'}">
                    <select id="addressing" name="addressing">
                        <c:forEach var="a" items="${['shared', 'component']}">
                            <option value="${a}" <c:if test="${model.fields().addressing == a}">selected</c:if>><c:out value="${msg['sipsettings.addressing.'.concat(a)]}"/></option>
                        </c:forEach>
                    </select>
                </c:when>
                <c:when test="${f == 'messageType'}">
                    <select id="messageType" name="messageType">
                        <c:forEach var="m" items="${['normal', 'chat']}">
                            <option value="${m}" <c:if test="${model.fields().messageType == m}">selected</c:if>><c:out value="${m}"/></option>
                        </c:forEach>
                    </select>
                </c:when>
                <c:when test="${f == 'frontEndTransport'}">
                    <select id="frontEndTransport" name="frontEndTransport">
                        <c:forEach var="t" items="${model.transports()}">
                            <option value="${t}" <c:if test="${model.fields().frontEndTransport == t}">selected</c:if>><c:out value="${t}"/></option>
                        </c:forEach>
                    </select>
                </c:when>
                <c:when test="${f == 'transports'}">
                    <span id="transports">
                    <c:forEach var="t" items="${model.transports()}">
                        <label><input type="checkbox" id="transport-${t}" name="transport-${t}" value="true"
                            <c:forEach var="on" items="${model.checkedTransports()}"><c:if test="${on == t}">checked</c:if></c:forEach>/>&#32;<c:out value="${t}"/></label>&#32;
                    </c:forEach>
                    </span>
                </c:when>
                <c:when test="${f == 'tlsKeyStorePassword' or f == 'tlsTrustStorePassword'}">
                    <input type="password" size="20" id="${f}" name="${f}" value="" autocomplete="new-password"/>
                    <c:if test="${model.passwordSet()[f]}">&#32;<span class="jive-description"><c:out value="${msg['sipsettings.password.kept']}"/></span></c:if>
                </c:when>
                <c:when test="${f == 'domainMappings' or f == 'sipHomedPatterns' or f == 'trustedPeers' or f == 'tlsTrustedPeerNames'}">
                    <input type="text" size="60" id="${f}" name="${f}" value="<c:out value='${model.fields()[f]}'/>"/>
                </c:when>
                <c:otherwise>
                    <input type="text" size="30" id="${f}" name="${f}" value="<c:out value='${model.fields()[f]}'/>"/>
                </c:otherwise>
            </c:choose>
            <br/><span class="jive-description"><c:out value="${msg['sipsettings.help.'.concat(f)]}"/></span>
            </td>
            <td><c:if test="${not empty model.errors()[f]}"><span class="jive-error-text" id="error-${f}"><c:out value="${model.errors()[f]}"/></span></c:if></td>
        </tr>
        </c:forEach>
    </table>
    </div>
    </c:forEach>
    <input type="submit" name="save" id="save" value="<c:out value="${msg['sipsettings.save']}"/>"/>
</form>
</body>
</html>
