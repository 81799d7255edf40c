El hombre fue detenido en Burdeos.
El testigo resultó herido en Lyon.
La mujer fue detenida en Niza.
El testigo fue extraditado en Lille.
La madre fue localizada en Londres.
El sospechoso fue puesto en libertad en Ginebra.
El contable resultó herido en Sevilla.
El propietario del vehículo fue extraditado en Burdeos.
La hermana de la víctima fue localizada en Ginebra.
La hermana de la víctima fue interrogada en París.
El hombre fue detenido en Lille.
El sobrino fue interrogado en Lyon.
El conductor fue interrogado en Toulouse.
La hermana de la víctima fue citada en Málaga.
El testigo fue interrogado en Lyon.
El sobrino fue detenido en Sevilla.
La mujer fue identificada en Burdeos.
El conductor fue interrogado en Ginebra.
El contable fue localizado en Sevilla.
El testigo fue identificado en Burdeos.
El sospechoso fue identificado en Ginebra.
El sospechoso fue detenido en Marsella.
La víctima resultó herida en Lyon.
El acusado fue identificado en Lille.
El sospechoso fue extraditado en Roma.
La madre fue interrogada en Roma.
El acusado resultó herido en Ginebra.
La hermana de la víctima fue citada en Lille.
El sospechoso fue identificado en Lille.
El sospechoso fue localizado en Roma.
La víctima resultó herida en Ginebra.
El propietario del vehículo fue detenido en Marsella.
El hombre fue puesto en libertad en Lisboa.
El conductor fue localizado en Barcelona.
El sobrino fue citado en Ginebra.
El contable fue extraditado en Londres.
El hombre fue localizado en Lisboa.
El contable fue detenido en Lille.
El hombre fue citado en París.
El testigo fue citado en Sevilla.
La hermana de la víctima resultó herida en Lille.
El testigo fue identificado en Madrid.
El sobrino fue puesto en libertad el miércoles.
El contable fue citado el lunes.
El sobrino fue interrogado el viernes.
La víctima fue interrogada el lunes.
El sospechoso fue identificado el sábado.
El propietario del vehículo fue extraditado el miércoles.
El sobrino fue citado el miércoles.
La mujer resultó herida el domingo.
La hermana de la víctima fue citada el lunes.
El propietario del vehículo resultó herido el viernes.
El sospechoso fue localizado el martes.
El sospechoso resultó herido el jueves.
El acusado resultó herido el miércoles.
El conductor fue extraditado el miércoles.
La madre fue identificada el lunes.
El testigo fue interrogado el sábado.
El hombre fue puesto en libertad el lunes.
El testigo fue identificado el viernes.
La madre fue interrogada el viernes.
La mujer fue detenida el miércoles.
El hombre resultó herido el sábado.
El propietario del vehículo fue extraditado el martes.
El testigo fue interrogado el domingo.
El contable fue interrogado el sábado.
El acusado fue puesto en libertad el sábado.
El sospechoso resultó herido el miércoles.
El sospechoso fue detenido el jueves.
El acusado fue extraditado el sábado.
El conductor fue citado el lunes.
El sobrino resultó herido el jueves.
La mujer fue identificada el jueves.
El sospechoso fue detenido el lunes.
El contable fue detenido en Polonia.
El sospechoso fue interrogado en Marruecos.
La mujer fue identificada en Francia.
La hermana de la víctima fue citada en Portugal.
El contable fue interrogado en Bélgica.
El sobrino fue identificado en Italia.
El contable fue puesto en libertad en Polonia.
El conductor fue localizado en Francia.
El sobrino fue interrogado en Marruecos.
La madre fue citada en Francia.
El acusado fue extraditado en Portugal.
La mujer fue localizada en Francia.
El testigo fue detenido en Portugal.
El conductor fue detenido en Suiza.
El conductor fue citado en Portugal.
El contable fue localizado en el Reino Unido.
La hermana de la víctima fue localizada en Italia.
El sospechoso fue extraditado en Portugal.
El propietario del vehículo fue extraditado en Portugal.
El propietario del vehículo resultó herido en Irlanda.
El sospechoso fue citado en Rumanía.
El testigo fue localizado en Francia.
El propietario del vehículo fue interrogado en Canadá.
El contable fue puesto en libertad en Francia.
La víctima fue citada en Irlanda.
El sospechoso fue puesto en libertad en Suiza.
El sospechoso fue detenido en España.
El propietario del vehículo fue localizado en Italia.
La hermana de la víctima fue identificada en Francia.
El acusado fue citado en Alemania.
La mujer fue extraditada el 12 de enero de 2023.
La víctima fue identificada el 22 de diciembre de 2024.
El testigo fue detenido el 5 de abril de 2024.
El contable fue extraditado el 8 de febrero de 2024.
El sobrino fue identificado el 27 de junio de 2023.
El sobrino fue interrogado el 3 de noviembre de 2025.
El conductor fue interrogado el 17 de junio de 2025.
El contable fue interrogado el 3 de diciembre de 2024.
El conductor fue interrogado el 5 de agosto de 2025.
El testigo fue detenido el 3 de julio de 2023.
El acusado fue detenido el 22 de diciembre de 2023.
El contable fue localizado el 15 de febrero de 2023.
El propietario del vehículo fue citado el 22 de octubre de 2024.
El testigo fue detenido el 3 de agosto de 2025.
La policía localizó a la madre en Marsella.
La policía puso en libertad al testigo en Burdeos.
La policía identificó al hombre en Bruselas.
La policía detuvo al sobrino en Londres.
La policía interrogó al sobrino en Burdeos.
La policía identificó al contable en Marsella.
La policía identificó a la madre en Toulouse.
La policía localizó al conductor en Madrid.
La policía puso en libertad al sobrino en París.
La policía puso en libertad al sobrino en Lyon.
La policía detuvo al hombre en Madrid.
La policía interrogó al contable en Bruselas.
La policía interrogó al hombre en Madrid.
La policía interrogó al conductor en Toulouse.
La policía interrogó a la hermana de la víctima en Málaga.
La policía identificó al conductor en Lisboa.
La policía detuvo al sospechoso en Londres.
La policía localizó al testigo en Toulouse.
La policía localizó al contable en Lisboa.
La policía localizó a la víctima en Toulouse.
La policía puso en libertad al contable en Burdeos.
La policía identificó al conductor en Niza.
La policía identificó al propietario del vehículo en Lyon.
La policía detuvo al testigo en París.
La víctima será oída por el tribunal el miércoles.
La hermana de la víctima será oída por el fiscal el miércoles.
El sospechoso será oído por el tribunal el jueves.
El testigo será oído por el fiscal el domingo.
El conductor será oído por los investigadores el domingo.
La hermana de la víctima será oída por los investigadores el miércoles.
La madre será oída por el juez de instrucción el viernes.
El testigo será oído por el fiscal el viernes.
La madre será oída por el fiscal el martes.
La madre será oída por el oficial de enlace el miércoles.
El sobrino será oído por el fiscal el miércoles.
El testigo será oído por el oficial de enlace el martes.
El acusado vive en Barcelona.
El sospechoso vive en Málaga.
El contable vive en Toulouse.
El testigo vive en Marsella.
El contable vive en Bruselas.
La víctima vive en Niza.
La víctima vive en Madrid.
El conductor vive en Bruselas.
La mujer vive en Niza.
El conductor vive en Marsella.
La sentencia fue enviada a Alemania.
La traducción fue enviada a España.
La orden de detención fue enviada a Canadá.
Los extractos bancarios fueron enviados a Francia.
La citación fue enviada a Alemania.
La sentencia fue enviada a Rumanía.
La citación fue enviada a Canadá.
El informe fue enviado al Reino Unido.
La traducción fue enviada a Irlanda.
La orden de detención fue enviada al Reino Unido.
La declaración del testigo fue enviada al Reino Unido.
La solicitud fue enviada a Bélgica.
La orden de detención fue enviada a Rumanía.
Los extractos bancarios fueron enviados a Italia.
La solicitud fue enviada a Italia.
El atestado policial fue enviado a Polonia.
Las fotografías fueron enviadas a Portugal.
La comisión rogatoria fue enviada a Polonia.
El atestado policial fue enviado a Bélgica.
La orden europea de investigación fue enviada a Alemania.
La declaración del testigo fue enviada a Francia.
La traducción fue enviada a Canadá.
La traducción fue enviada a la embajada.
Los registros telefónicos fueron enviados al banco.
La sentencia fue enviada al abogado defensor.
Los registros telefónicos fueron enviados al fiscal.
La solicitud fue enviada al fiscal.
El pasaporte fue enviado a los investigadores.
La sentencia fue enviada al Ministerio de Justicia.
El atestado policial fue enviado al oficial de enlace.
Los registros telefónicos fueron enviados a la embajada.
Los antecedentes penales fueron enviados al fiscal.
El pasaporte fue enviado al oficial de enlace.
El pasaporte fue enviado al fiscal.
La comisión rogatoria fue enviada al banco.
Las pruebas fueron enviadas al abogado defensor.
El informe fue enviado al operador telefónico.
La traducción fue enviada a los investigadores.
Por favor, envíe la traducción al fiscal.
Por favor, envíe las fotografías a Europol.
Por favor, envíe el atestado policial al tribunal.
Por favor, envíe la solicitud al abogado defensor.
Por favor, envíe el pasaporte a la embajada.
Por favor, envíe los extractos bancarios a la autoridad central.
Por favor, envíe los registros telefónicos al oficial de enlace.
Por favor, envíe el informe al abogado defensor.
Por favor, envíe la citación al operador telefónico.
Por favor, envíe los antecedentes penales al abogado defensor.
Por favor, envíe el informe al fiscal.
Por favor, envíe las fotografías a los investigadores.
Por favor, envíe la sentencia al operador telefónico.
Por favor, envíe la solicitud a los investigadores.
Por favor, envíe la declaración del testigo al operador telefónico.
Por favor, envíe los registros telefónicos al Ministerio de Justicia.
Por favor, envíe el informe a la autoridad central.
Por favor, envíe la solicitud a la embajada.
Por favor, envíe las fotografías al operador telefónico.
Por favor, envíe los antecedentes penales a Europol.
Por favor, envíe la declaración del testigo a la autoridad central.
Por favor, envíe los antecedentes penales a la autoridad central.
Necesitamos el informe antes del miércoles.
Necesitamos el informe antes del jueves.
Necesitamos la orden de detención antes del jueves.
Necesitamos las fotografías antes del martes.
Necesitamos la sentencia antes del miércoles.
Necesitamos la orden europea de investigación antes del viernes.
Necesitamos la citación antes del viernes.
Necesitamos las pruebas antes del miércoles.
Necesitamos las pruebas antes del martes.
Necesitamos el pasaporte antes del miércoles.
Necesitamos los antecedentes penales antes del martes.
Necesitamos las pruebas antes del jueves.
Necesitamos la declaración del testigo antes del miércoles.
Necesitamos el informe antes del viernes.
Necesitamos el expediente antes del lunes.
Necesitamos las pruebas antes del lunes.
Necesitamos los registros telefónicos antes del miércoles.
Necesitamos la solicitud antes del lunes.
¿Ha recibido los registros telefónicos?
¿Ha recibido los extractos bancarios?
¿Ha recibido los antecedentes penales?
¿Ha recibido la sentencia?
¿Ha recibido la solicitud?
¿Ha recibido la citación?
¿Ha recibido la traducción?
¿Ha recibido las pruebas?
¿Ha recibido la orden europea de investigación?
¿Ha recibido el expediente?
¿Ha recibido la comisión rogatoria?
¿Ha recibido el informe?
La autoridad central solicitó la declaración del testigo.
Los investigadores solicitaron las fotografías.
El tribunal solicitó la orden de detención.
El Ministerio de Justicia solicitó la sentencia.
El abogado defensor solicitó la orden de detención.
El abogado defensor solicitó la comisión rogatoria.
Europol solicitó el informe.
Europol solicitó el pasaporte.
El operador telefónico solicitó la orden europea de investigación.
La embajada solicitó la comisión rogatoria.
El abogado defensor solicitó la citación.
Los investigadores solicitaron el informe.
El tribunal solicitó el informe.
El juez de instrucción solicitó la traducción.
El banco solicitó las pruebas.
El banco solicitó el expediente.
El Ministerio de Justicia solicitó las pruebas.
El fiscal solicitó los registros telefónicos.
Se adjunta la orden de detención.
Se adjunta la solicitud.
Se adjunta la citación.
Se adjunta la declaración del testigo.
Se adjunta el atestado policial.
Se adjunta la traducción.
Se adjuntan los registros telefónicos.
Se adjunta el informe.
Se adjuntan las pruebas.
Se adjunta el pasaporte.
Se adjunta la comisión rogatoria.
Se adjunta el expediente.
La traducción será enviada el 12 de julio de 2025.
Los antecedentes penales serán enviados el 24 de junio de 2025.
El expediente será enviado el 19 de junio de 2023.
La orden europea de investigación será enviada el 19 de abril de 2025.
El informe será enviado el 12 de diciembre de 2024.
La solicitud será enviada el 19 de mayo de 2023.
La orden de detención será enviada el 12 de junio de 2024.
La sentencia será enviada el 5 de septiembre de 2023.
El atestado policial será enviado el 5 de diciembre de 2025.
Los registros telefónicos serán enviados el 12 de junio de 2025.
Las pruebas fueron recibidas el viernes.
El atestado policial fue recibido el jueves.
La citación fue recibida el jueves.
La declaración del testigo fue recibida el martes.
Los extractos bancarios fueron recibidos el miércoles.
La declaración del testigo fue recibida el viernes.
El expediente fue recibido el viernes.
La traducción fue recibida el domingo.
Las fotografías fueron recibidas el miércoles.
El expediente fue recibido el jueves.
Los extractos bancarios fueron recibidos el martes.
Los registros telefónicos fueron recibidos el domingo.
La citación ha sido traducida.
El pasaporte ha sido traducido.
Los registros telefónicos han sido traducidos.
La traducción ha sido traducida.
Los extractos bancarios han sido traducidos.
La comisión rogatoria ha sido traducida.
La orden de detención ha sido traducida.
El atestado policial ha sido traducido.
La audiencia está prevista para el 8 de noviembre de 2025.
La audiencia está prevista para el 3 de septiembre de 2025.
La audiencia está prevista para el 15 de junio de 2024.
La audiencia está prevista para el 22 de diciembre de 2025.
La audiencia está prevista para el 22 de marzo de 2023.
La audiencia está prevista para el 17 de septiembre de 2024.
La audiencia está prevista para el 27 de diciembre de 2023.
La audiencia está prevista para el 3 de diciembre de 2023.
La audiencia está prevista para el 27 de diciembre de 2025.
La audiencia está prevista para el 17 de noviembre de 2024.
La fecha límite es el 27 de enero de 2023.
La fecha límite es el 24 de septiembre de 2023.
La fecha límite es el 12 de septiembre de 2024.
La fecha límite es el 5 de agosto de 2024.
La fecha límite es el 3 de diciembre de 2024.
La fecha límite es el 27 de mayo de 2023.
La fecha límite es el 19 de julio de 2024.
La fecha límite es el 17 de enero de 2024.
La solicitud se refiere a 9 cuentas bancarias.
La solicitud se refiere a 3 cuentas bancarias.
La solicitud se refiere a 25 cuentas bancarias.
La solicitud se refiere a 5 cuentas bancarias.
La solicitud se refiere a 7 cuentas bancarias.
La solicitud se refiere a 21 cuentas bancarias.
La solicitud se refiere a 12 cuentas bancarias.
El sospechoso realizó 3 llamadas el lunes.
El sospechoso realizó 3 llamadas el miércoles.
El sospechoso realizó 2 llamadas el martes.
El sospechoso realizó 5 llamadas el martes.
El sospechoso realizó 20 llamadas el domingo.
El sospechoso realizó 21 llamadas el jueves.
El sospechoso realizó 25 llamadas el lunes.
Nuestra referencia es 2023/12.
Nuestra referencia es 2025/117.
Nuestra referencia es 2023/117.
Nuestra referencia es 2025/12.
Nuestra referencia es 2024/117.
Nuestra referencia es 2025/391.
Nuestra referencia es 2024/47.
El importe transferido asciende a 150 euros.
El importe transferido asciende a 900 euros.
El importe transferido asciende a 12000 euros.
El importe transferido asciende a 45000 euros.
El importe transferido asciende a 2500 euros.
El importe transferido asciende a 4800 euros.
El importe transferido asciende a 1200 euros.
Por favor, responda en un plazo de 4 días.
Por favor, responda en un plazo de 20 días.
Por favor, responda en un plazo de 8 días.
Por favor, responda en un plazo de 11 días.
Por favor, responda en un plazo de 12 días.
Por favor, responda en un plazo de 14 días.
La audiencia tendrá lugar el martes a las 14:00.
La audiencia tendrá lugar el lunes a las 16:30.
La audiencia tendrá lugar el lunes a las 8:00.
La audiencia tendrá lugar el jueves a las 10:45.
La audiencia tendrá lugar el lunes a las 11:00.
La audiencia tendrá lugar el lunes a las 16:15.
La audiencia tendrá lugar el miércoles a las 14:45.
La audiencia tendrá lugar el sábado a las 9:00.
El expediente 7089 fue archivado el 19 de octubre de 2025.
El expediente 3308 fue archivado el 19 de junio de 2024.
El expediente 9154 fue archivado el 15 de marzo de 2023.
El expediente 2271 fue archivado el 17 de mayo de 2023.
El expediente 118 fue archivado el 17 de abril de 2023.
El expediente 356 fue archivado el 17 de agosto de 2024.
El expediente 592 fue archivado el 24 de enero de 2025.
El conductor prestará declaración el 27 de diciembre de 2023.
La madre prestará declaración el 24 de marzo de 2025.
El conductor prestará declaración el 5 de abril de 2025.
La madre prestará declaración el 17 de abril de 2025.
El conductor prestará declaración el 24 de diciembre de 2025.
El acusado prestará declaración el 17 de julio de 2025.
El propietario del vehículo nació el 9 de diciembre de 1983.
El propietario del vehículo nació el 4 de noviembre de 1997.
El contable nació el 4 de septiembre de 1975.
El sobrino nació el 9 de enero de 1997.
El acusado nació el 14 de enero de 1968.
El sobrino nació el 14 de febrero de 1990.
El sospechoso nació el 9 de agosto de 1975.
El número de teléfono es el 06 55 44 33 22.
El número de teléfono es el 06 12 34 56 78.
El número de teléfono es el 04 72 11 22 33.
El número de teléfono es el 09 81 27 63 40.
Estimado colega:
Estimados colegas:
Buenos días.
Saludos cordiales.
Un cordial saludo,
Gracias por su cooperación.
Gracias de antemano por su ayuda.
Gracias por su rápida respuesta.
Gracias por su mensaje.
Le ruego acuse recibo de este mensaje.
Adjunto le remito los documentos solicitados.
Se ha recibido la solicitud de asistencia judicial.
La solicitud de asistencia judicial ha sido ejecutada.
La solicitud es urgente.
Este asunto es urgente.
Quedamos a la espera de su respuesta.
Quedo a la espera de sus noticias.
¿Podría confirmar la fecha de la audiencia?
La audiencia ha sido aplazada.
La audiencia ha sido cancelada.
El sospechoso ha sido puesto en libertad bajo fianza.
El sospechoso se encuentra en prisión provisional.
El sospechoso tiene derecho a un abogado.
El testigo aceptó declarar por videoconferencia.
El testigo se niega a declarar.
Estará presente un intérprete.
Necesitamos un intérprete para la audiencia.
El banco ha congelado la cuenta.
La cuenta fue abierta en 2019.
Por favor, facilite los extractos bancarios del período de enero a junio.
El operador telefónico ha facilitado los datos de llamadas.
El número de teléfono pertenece al sospechoso.
El teléfono del sospechoso fue incautado.
El vehículo fue hallado en un aparcamiento.
El registro tuvo lugar esta mañana.
La orden de registro fue firmada por el juez.
La orden europea de detención ha sido emitida.
El sospechoso fue entregado a las autoridades francesas.
Las autoridades españolas han aceptado la solicitud.
La solicitud fue denegada.
El expediente está incompleto.
Se necesita información adicional.
Por favor, envíenos información adicional.
Por favor, traduzca los documentos al francés.
Por favor, traduzca los documentos al español.
Por favor, traduzca los documentos al inglés.
Los documentos deben traducirse a la lengua del Estado requerido.
El plazo ha vencido.
El plazo ha sido prorrogado.
¿Puede prorrogar el plazo?
Le informaremos del resultado.
La investigación está en curso.
La investigación ha sido cerrada.
El caso ha sido remitido al tribunal.
El acusado fue condenado a cinco años de prisión.
El acusado fue absuelto.
La sentencia es firme.
La víctima ha presentado una denuncia.
El sospechoso habla francés.
El sospechoso no habla español.
El sospechoso es de nacionalidad francesa.
El sospechoso no tiene domicilio fijo.
El sospechoso huyó al extranjero.
El sospechoso es buscado por la policía.
Interpol ha publicado una notificación roja.
Por favor, contácteme por teléfono.
Por favor, contácteme por correo electrónico.
Soy el oficial de enlace para este caso.
Estoy disponible para una reunión la próxima semana.
La reunión tendrá lugar en la embajada.
La reunión ha sido confirmada.
Confirmo la recepción de su solicitud.
Hemos recibido su carta.
Todavía no hemos recibido los documentos.
La información es confidencial.
Esta información solo puede utilizarse a efectos de la investigación.
Los datos serán suprimidos tras la investigación.
Las huellas dactilares del sospechoso coinciden.
El análisis de ADN es positivo.
El coche fue robado en España.
Los bienes robados fueron recuperados.
El dinero fue transferido al extranjero.
La transferencia se realizó el viernes.
La empresa está registrada en Bélgica.
¿Quién es el titular de la cuenta?
¿Quién firmó la solicitud?
¿Cuándo tendrá lugar la audiencia?
¿Cuántas cuentas están afectadas?
¿Sigue detenido el sospechoso?
Sí, el sospechoso sigue detenido.
No, el sospechoso fue puesto en libertad ayer.
Los agentes de policía están en camino.
La operación fue un éxito.
Dos sospechosos fueron detenidos.
Tres personas resultaron heridas.
Por favor, manténgame informado.
Quedo a su disposición para cualquier información adicional.
Les pedimos disculpas por el retraso.
Hasta el lunes.
Buen fin de semana.
La solicitud fue transmitida por los canales de Interpol.
La solicitud debe dirigirse a la autoridad central.
El juez ha autorizado la intervención de las comunicaciones.
El sospechoso utilizó un pasaporte falso.
El testigo reconoció al sospechoso.
El sospechoso niega los hechos.
El sospechoso ha confesado.
El sospechoso ejerció su derecho a guardar silencio.
El abogado solicitó una copia del expediente.
El tribunal es competente.
¿Dónde está el sospechoso?
¿Dónde está el testigo?
El testigo está protegido.
La víctima está en el hospital.
Los locales fueron registrados.
Gracias.
Sí.
No.
Por favor, contacte con ⟦1⟧ antes de ⟦2⟧.
Por favor, contacte con ⟦3⟧ antes de ⟦4⟧.
Por favor, contacte con ⟦7⟧ antes de ⟦8⟧.
Nuestra referencia es ⟦1⟧.
Nuestra referencia es ⟦5⟧.
Nuestra referencia es ⟦10⟧.
Su referencia: ⟦1⟧.
Su referencia: ⟦9⟧.
Por favor, responda a ⟦1⟧.
Por favor, responda a ⟦2⟧.
Por favor, responda a ⟦11⟧.
La solicitud ⟦1⟧ fue recibida el lunes.
La solicitud ⟦2⟧ fue recibida el viernes.
La solicitud ⟦8⟧ fue recibida el martes.
El expediente ⟦1⟧ fue enviado a ⟦2⟧.
El expediente ⟦6⟧ fue enviado a ⟦3⟧.
Para más información, consulte ⟦1⟧.
Para más información, consulte ⟦7⟧.
Por favor, envíe los extractos bancarios a ⟦1⟧.
Por favor, envíe el informe a ⟦2⟧.
Por favor, envíe la orden de detención a ⟦3⟧.
Por favor, envíe la sentencia a ⟦12⟧.
⟦1⟧ fue detenido en Lyon.
⟦2⟧ fue detenido en Madrid.
⟦4⟧ fue detenido en Bruselas.
El sospechoso ⟦1⟧ fue detenido el jueves.
El sospechoso ⟦3⟧ fue detenido el domingo.
La cuenta ⟦1⟧ pertenece a ⟦2⟧.
La cuenta ⟦9⟧ pertenece a ⟦10⟧.
El número de teléfono ⟦1⟧ fue utilizado el ⟦2⟧.
El número de teléfono ⟦2⟧ fue utilizado el ⟦3⟧.
⟦1⟧ y ⟦2⟧ fueron interrogados por la policía.
⟦5⟧ y ⟦6⟧ fueron interrogados por la policía.
La solicitud ⟦1⟧ se refiere a ⟦2⟧ y ⟦3⟧.
La solicitud ⟦4⟧ se refiere a ⟦5⟧ y ⟦6⟧.
La referencia ⟦1⟧ ya no es válida.
La referencia ⟦2⟧ ya no es válida.
Los documentos están disponibles en ⟦1⟧.
Los documentos están disponibles en ⟦3⟧.
Por favor, escriba a ⟦1⟧ o llame al ⟦2⟧.
Por favor, escriba a ⟦11⟧ o llame al ⟦12⟧.
La audiencia en el asunto ⟦1⟧ está prevista para el ⟦2⟧.
La audiencia en el asunto ⟦2⟧ está prevista para el ⟦1⟧.
Nos referimos a su solicitud ⟦1⟧ de fecha ⟦2⟧.
Nos referimos a su solicitud ⟦8⟧ de fecha ⟦9⟧.
Véase ⟦1⟧.
Véase ⟦2⟧.
Contacto: ⟦1⟧
Contacto: ⟦4⟧
Correo electrónico: ⟦1⟧
Correo electrónico: ⟦3⟧
Referencia del expediente: ⟦1⟧
Referencia del expediente: ⟦2⟧
La solicitud se refiere a ⟦1⟧ cuentas bancarias.
La solicitud se refiere a ⟦3⟧ cuentas bancarias.
El importe transferido asciende a ⟦1⟧ euros.
El importe transferido asciende a ⟦3⟧ euros.
El propietario del vehículo nació el ⟦1⟧ de diciembre de ⟦2⟧.
El propietario del vehículo nació el ⟦3⟧ de noviembre de ⟦4⟧.
El sospechoso realizó ⟦1⟧ llamadas el lunes.
El sospechoso realizó ⟦3⟧ llamadas el miércoles.
El expediente ⟦1⟧ fue archivado el ⟦2⟧ de octubre de ⟦3⟧.
El expediente ⟦3⟧ fue archivado el ⟦4⟧ de junio de ⟦5⟧.
La fecha límite es el ⟦1⟧ de enero de ⟦2⟧.
La fecha límite es el ⟦3⟧ de septiembre de ⟦4⟧.
La traducción será enviada el ⟦1⟧ de julio de ⟦2⟧.
Los antecedentes penales serán enviados el ⟦3⟧ de junio de ⟦4⟧.
La cuenta fue abierta en ⟦1⟧.
La audiencia está prevista para el ⟦1⟧ de noviembre de ⟦2⟧.
La audiencia está prevista para el ⟦3⟧ de septiembre de ⟦4⟧.
La mujer fue extraditada el ⟦1⟧ de enero de ⟦2⟧.
La víctima fue identificada el ⟦3⟧ de diciembre de ⟦4⟧.
El número de teléfono es el ⟦1⟧ ⟦2⟧ ⟦3⟧ ⟦4⟧ ⟦5⟧.
El número de teléfono es el ⟦3⟧ ⟦4⟧ ⟦5⟧ ⟦6⟧ ⟦7⟧.
Nuestra referencia es ⟦1⟧/⟦2⟧.
Nuestra referencia es ⟦3⟧/⟦4⟧.
Por favor, responda en un plazo de ⟦1⟧ días.
Por favor, responda en un plazo de ⟦3⟧ días.
El conductor prestará declaración el ⟦1⟧ de diciembre de ⟦2⟧.
La madre prestará declaración el ⟦3⟧ de marzo de ⟦4⟧.
